//! Benchmarks of the render pipeline at 2400×1800: each phase whole, then one stage at a
//! time on the busiest phase (1945), so a regression shows where it happened:
//! load, select, project, clip and simplify, symbolise, label, SVG, parse SVG (text
//! shaping), rasterise and PNG encode.
//!
//!     cargo bench --features bench

use criterion::{criterion_group, criterion_main, Criterion};
use geo::{Coord, Geometry, Rect};
use histmap::atlas::Atlas;
use histmap::compose::compose;
use histmap::encode::{self, encode, Formats};
use histmap::geometry::prepare;
use histmap::geometry::Bbox;
use histmap::lang::Lang;
use histmap::layout::labels;
use histmap::project::{Frame, Projection};
use histmap::size::Size;
use histmap::symbolize::{selected, symbolize, Input, SIMPLIFY};
use std::hint::black_box;
use std::path::Path;

fn load_atlas() -> Atlas {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Atlas::load(&root.join("geodata/story.toml"), &root.join("styles/default.toml"), None).unwrap()
}

fn size() -> Size {
    Size::pixels(2400, 1800, None).unwrap()
}

fn phases(c: &mut Criterion) {
    let atlas = load_atlas();
    let mut g = c.benchmark_group("phase");
    g.sample_size(10);
    for p in &atlas.story.phases {
        g.bench_function(&p.id, |b| {
            b.iter(|| {
                let scene = compose(&atlas, p, Lang::En, size()).unwrap();
                encode(scene, &atlas.fonts, Formats::default(), size().dpi, false, |_| Ok(())).unwrap()
            })
        });
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    let atlas = load_atlas();
    let p = atlas.story.phase("1945-collapse").unwrap();
    let style = atlas.style_for(p);
    let scene = compose(&atlas, p, Lang::En, size()).unwrap();
    let map = scene.map_rect().to_rect();
    let frame = Frame::fit(Projection::new(&p.projection).unwrap(), p.extent, map).unwrap();
    let bounds = frame.lonlat_bounds();
    let selected = || style.layers.iter().flat_map(|l| selected(&atlas.layers, l, p));
    let input = Input {
        style,
        layers: &atlas.layers,
        phase: p,
        frame: &frame,
        fonts: &atlas.fonts,
        focus: &atlas.story.focus,
        lang: Lang::En,
    };
    let projected: Vec<Geometry<f64>> =
        selected().filter_map(|f| frame.project_near(&f.geometry, bounds.as_ref(), SIMPLIFY)).collect();
    let clip = Rect::new(frame.rect.min() - Coord { x: 4.0, y: 4.0 }, frame.rect.max() + Coord { x: 4.0, y: 4.0 });
    let drawn = symbolize(&input).drawn;
    let r = frame.rect;
    let map_box = Bbox { x0: r.min().x + 2.0, y0: r.min().y + 2.0, x1: r.max().x - 2.0, y1: r.max().y - 2.0 };
    let svg = histmap::svg::write_for_raster(&scene);
    let dpi = size().dpi;
    let tree = encode::tree(&svg, &atlas.fonts, dpi).unwrap();
    let raster = encode::rasterise(&tree).unwrap();

    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(load_atlas));
    g.bench_function("select", |b| b.iter(|| selected().count()));
    g.bench_function("project", |b| {
        b.iter(|| selected().filter_map(|f| frame.project_near(&f.geometry, bounds.as_ref(), SIMPLIFY)).count())
    });
    g.bench_function("clip_simplify", |b| {
        b.iter(|| projected.iter().map(|g| prepare(g, &clip, SIMPLIFY)).collect::<Vec<_>>())
    });
    g.bench_function("symbolize", |b| b.iter(|| symbolize(&input)));
    g.bench_function("label", |b| {
        b.iter(|| labels::place(&atlas.fonts, drawn.labels.clone(), map_box, &drawn.symbols, &[], &drawn))
    });
    g.bench_function("scene", |b| b.iter(|| compose(&atlas, p, Lang::En, size()).unwrap()));
    g.bench_function("svg", |b| b.iter(|| histmap::svg::write(&scene)));
    g.bench_function("parse_svg", |b| b.iter(|| encode::tree(&svg, &atlas.fonts, dpi).unwrap()));
    g.bench_function("rasterise", |b| b.iter(|| encode::rasterise(&tree).unwrap()));
    g.bench_function("png_encode", |b| b.iter(|| encode::encode_png(black_box(&raster), dpi).unwrap()));
    g.finish();
}

criterion_group!(benches, phases, stages);
criterion_main!(benches);
