//! Benchmarks of the render pipeline at 2400×1800: each phase alone (scene, SVG, PNG), and
//! the stages that dominate (layout to a scene, SVG writing, rasterising and PNG encoding).
//!
//!     cargo bench --bench render

use criterion::{criterion_group, criterion_main, Criterion};
use histmap::render::Atlas;
use histmap::size::Size;
use std::path::Path;

fn load_atlas() -> Atlas {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    Atlas::load(&root.join("geodata/story.toml"), &root.join("styles/default.toml"), &root.join("styles/fonts"))
        .unwrap()
}

fn size() -> Size {
    Size::pixels(2400, 1800, None).unwrap()
}

fn phases(c: &mut Criterion) {
    let atlas = load_atlas();
    let mut g = c.benchmark_group("phase");
    g.sample_size(10);
    for p in &atlas.story.phases {
        g.bench_function(&p.id, |b| b.iter(|| atlas.render(p, size()).unwrap()));
    }
    g.finish();
}

fn stages(c: &mut Criterion) {
    let atlas = load_atlas();
    let p = atlas.story.phase("1945-collapse").unwrap();
    let scene = atlas.scene(p, size()).unwrap();
    let svg = histmap::svg::write(&scene);
    let mut g = c.benchmark_group("stage");
    g.sample_size(10);
    g.bench_function("load", |b| b.iter(load_atlas));
    g.bench_function("scene", |b| b.iter(|| atlas.scene(p, size()).unwrap()));
    g.bench_function("svg", |b| b.iter(|| histmap::svg::write(&scene)));
    g.bench_function("png", |b| b.iter(|| histmap::encode::png(&svg, &atlas.fonts, size().dpi, false).unwrap()));
    g.finish();
}

criterion_group!(benches, phases, stages);
criterion_main!(benches);
