//! The histmap command line.

use clap::{CommandFactory, Parser, Subcommand};
use histmap::atlas::Atlas;
use histmap::encode::Formats;
use histmap::error::Error;
use histmap::extent::Extent;
use histmap::lang::Lang;
use histmap::publish::{self, Options, Progress};
use histmap::serve::Hub;
use histmap::size::Size;
use histmap::stop::Busy;
use histmap::story::Phase;
use histmap::watch::Hooks;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

/// Render a historical story as maps: one SVG and PNG per phase.
///
/// Exit codes: 0 success; 1 a file is missing or invalid, or a map failed (one line per
/// problem, file:line:column where known); 2 a usage error (unknown option or phase,
/// malformed or absurd size or date), refused before any work is done.
#[derive(Parser)]
#[command(name = "histmap", version, about, long_about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// The story, its style and fonts.
#[derive(clap::Args)]
struct StoryArgs {
    /// The story file: phases, dates, extents, captions. Geodata layers are read from its folder.
    #[arg(long, default_value = "geodata/story.toml")]
    story: PathBuf,
    /// Style file [default: styles/default.toml in the story's folder, else in the folder
    /// above it, else in the current folder].
    #[arg(long)]
    style: Option<PathBuf>,
    /// Folder of extra fonts (.ttf, .otf, .ttc) for names in scripts the built-in fonts lack.
    #[arg(long, value_name = "DIR")]
    fonts: Option<PathBuf>,
}

impl StoryArgs {
    fn style(&self) -> PathBuf {
        self.style.clone().unwrap_or_else(|| histmap::atlas::default_style(&self.story))
    }
}

/// How much to print.
#[derive(clap::Args, Clone, Copy)]
struct Talk {
    /// Print only errors.
    #[arg(long, short, conflicts_with = "verbose")]
    quiet: bool,
    /// Print each map's size, resolution, time and file sizes.
    #[arg(long, short)]
    verbose: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Render phases (all, or those named) to OUT/<phase>.svg and OUT/<phase>.png.
    Render {
        /// Phase ids to render (default: every phase).
        phases: Vec<String>,
        #[command(flatten)]
        story: StoryArgs,
        #[command(flatten)]
        output: OutputArgs,
        /// Draw the state on this date (YYYY, YYYY-MM or YYYY-MM-DD) as OUT/date-<date>.svg and
        /// .png, in the frame of the phase named, or of the phase the date falls in.
        #[arg(long)]
        date: Option<String>,
        /// With --date: the date (YYYY, YYYY-MM or YYYY-MM-DD) its map compares with, for the
        /// styles' `change` (new, gone, kept) [default: the last phase over before --date].
        #[arg(long, requires = "date")]
        compare: Option<String>,
        #[command(flatten)]
        talk: Talk,
    },
    /// Render, then re-render on every save of the story, the style or a layer; a broken file
    /// is reported and the last good maps are kept.
    Watch {
        /// Phase ids to keep rendered (default: every phase).
        phases: Vec<String>,
        #[command(flatten)]
        story: StoryArgs,
        #[command(flatten)]
        output: OutputArgs,
        #[command(flatten)]
        talk: Talk,
        /// Serve a live preview page too, at ADDR (`--serve=0.0.0.0:8080`) [default: a
        /// loopback address with a free port, printed on start].
        #[arg(long, value_name = "ADDR", num_args = 0..=1, require_equals = true)]
        serve: Option<Option<SocketAddr>>,
    },
    /// Draw any GeoJSON files as one map, e.g. `histmap draw geodata/rivers.geojson
    /// geodata/cities.geojson --bbox 115,40,135,50 -o map.png`; the format comes from the
    /// output's extension.
    Draw {
        /// GeoJSON files; each is a layer named after its file (for a --style's `source`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Output file: .svg, .png or .pdf.
        #[arg(short, long)]
        output: PathBuf,
        /// Area to show: west,south,east,north in degrees [default: the data's extent]; west
        /// greater than east crosses the antimeridian (150,40,-160,60).
        #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
        bbox: Option<Extent>,
        /// Projection as a PROJ string [default: suited to the extent].
        #[arg(long, allow_hyphen_values = true)]
        proj: Option<String>,
        /// Map title [default: the layers' names].
        #[arg(long)]
        title: Option<String>,
        /// Image size in pixels or print units, e.g. 2400x1800 or 180x120mm.
        #[arg(long, default_value = "2400x1800")]
        size: String,
        /// Resolution in dots per inch.
        #[arg(long)]
        dpi: Option<f64>,
        /// Draw only what exists on this date (YYYY, YYYY-MM or YYYY-MM-DD), by the features'
        /// `start` and `end` [default: every feature, whatever its dates].
        #[arg(long)]
        date: Option<String>,
        /// Style file [default: a plain style that draws and names every feature].
        #[arg(long)]
        style: Option<PathBuf>,
        /// Folder of extra fonts (.ttf, .otf, .ttc) for names in scripts the built-in fonts lack.
        #[arg(long, value_name = "DIR")]
        fonts: Option<PathBuf>,
        #[command(flatten)]
        talk: Talk,
        /// Embed subsets of the fonts in an SVG output (@font-face), for browsers.
        #[arg(long)]
        embed_fonts: bool,
    },
    /// Animate the story: a sequence of dates (`--from 1931-09 --to 1945-09 --step 1M`) or
    /// the story's phases (`--phases`), in one frame, into OUT/animation.png (an animated
    /// PNG), OUT/animation.html (a player page over OUT/animation-frames/) and, on request,
    /// OUT/animation.gif; each frame shows its date.
    Animate {
        #[command(flatten)]
        story: StoryArgs,
        /// First date (YYYY, YYYY-MM or YYYY-MM-DD).
        #[arg(long, required_unless_present = "phases", conflicts_with = "phases")]
        from: Option<String>,
        /// Last date: the last frame is the last step that does not pass it.
        #[arg(long, required_unless_present = "phases", conflicts_with = "phases")]
        to: Option<String>,
        /// Step between frames: a count and D (days), M (months) or Y (years), e.g. 10D, 1M, 1Y.
        #[arg(long, default_value = "1M", conflicts_with = "phases")]
        step: String,
        /// One frame per phase of the story, in story order, instead of --from/--to/--step.
        #[arg(long)]
        phases: bool,
        /// Draw in this phase's frame, projection and style [default: the frame of all the
        /// story's regional phases].
        #[arg(long, value_name = "ID", conflicts_with = "bbox")]
        phase: Option<String>,
        /// Draw in this area instead: west,south,east,north in degrees.
        #[arg(long, value_parser = parse_bbox, allow_hyphen_values = true)]
        bbox: Option<Extent>,
        /// Output folder.
        #[arg(long, default_value = "output")]
        out: PathBuf,
        /// Frame size in pixels or print units, e.g. 1200x900 or 180x120mm.
        #[arg(long, default_value = "1200x900")]
        size: String,
        /// Resolution in dots per inch.
        #[arg(long)]
        dpi: Option<f64>,
        /// Language of the maps: en, or ru (written as animation.ru.png and so on).
        #[arg(long, default_value = "en", value_parser = |s: &str| Lang::parse(s))]
        lang: Lang,
        /// Files to write, comma-separated: apng, gif, frames (numbered PNGs), html (the
        /// player page, with the frames it shows).
        #[arg(long, default_value = "apng,html", value_parser = |s: &str| histmap::animate::Outputs::parse(s))]
        format: histmap::animate::Outputs,
        /// How long each frame shows, in milliseconds (20 to 60000).
        #[arg(long, default_value_t = 400, value_parser = clap::value_parser!(u16).range(20..=60000))]
        delay: u16,
        #[command(flatten)]
        talk: Talk,
    },
    /// List the phases with their dates and titles.
    List {
        /// The story file.
        #[arg(long, default_value = "geodata/story.toml")]
        story: PathBuf,
    },
    /// Check the story, the style and the geodata, reporting every problem (exit 1 if any
    /// error) and every warning: what a render draws all the same, such as invalid polygons.
    Check {
        /// The story file: phases, dates, extents, captions. Geodata layers are read from its folder.
        #[arg(long, default_value = "geodata/story.toml")]
        story: PathBuf,
        /// Style file [default: styles/default.toml in the story's folder, else in the folder
        /// above it, else in the current folder].
        #[arg(long)]
        style: Option<PathBuf>,
        /// Count warnings as errors (exit 1 if any).
        #[arg(long)]
        strict: bool,
        /// Print only errors, not warnings.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page of histmap or of one subcommand (roff), e.g. `histmap man >
    /// histmap.1`, `histmap man render`; or write every page into a folder with --out.
    Man {
        /// The subcommand whose page to print [default: histmap's own].
        subcommand: Option<String>,
        /// Write histmap.1 and a page for each subcommand (histmap-render.1, …) into this folder.
        #[arg(long, value_name = "DIR", conflicts_with = "subcommand")]
        out: Option<PathBuf>,
    },
}

/// Where maps go and how big they are.
#[derive(clap::Args)]
struct OutputArgs {
    /// Output folder.
    #[arg(long, default_value = "output")]
    out: PathBuf,
    /// Image width in pixels (see also --size).
    #[arg(long, default_value_t = 2400)]
    width: u32,
    /// Image height in pixels.
    #[arg(long, default_value_t = 1800)]
    height: u32,
    /// Print size, e.g. 180x120mm, 7x5in or 2400x1800 (pixels); overrides --width/--height.
    #[arg(long)]
    size: Option<String>,
    /// Resolution in dots per inch: 300 by default for mm and in sizes; for pixel sizes,
    /// the page is then width/dpi inches wide (default: 800 points).
    #[arg(long)]
    dpi: Option<f64>,
    /// Files to write, comma-separated: svg, png, pdf (fonts embedded).
    #[arg(long, default_value = "svg,png", value_parser = |s: &str| Formats::parse(s))]
    format: Formats,
    /// Turn the SVG's text into outlines, for tools that lack the fonts.
    #[arg(long)]
    outline_text: bool,
    /// Embed subsets of the fonts in the SVG (@font-face), so browsers without them draw it
    /// as the PNG.
    #[arg(long, conflicts_with = "outline_text")]
    embed_fonts: bool,
    /// Language of the maps: en, or ru for the Russian edition (labels from name_ru, titles
    /// and captions from the story's *_ru fields), written as <phase>.ru.svg and so on.
    #[arg(long, default_value = "en", value_parser = |s: &str| Lang::parse(s))]
    lang: Lang,
    /// The map and its legend only, without the title, caption and credits, for documents
    /// that set their own (the index still carries them).
    #[arg(long)]
    map_only: bool,
}

impl OutputArgs {
    /// The render options, or a usage error for a bad size.
    fn options(&self) -> Result<Options, String> {
        let size = match &self.size {
            Some(spec) => Size::parse(spec, self.dpi)?,
            None => Size::pixels(self.width, self.height, self.dpi)?,
        };
        let formats = Formats { outline_text: self.outline_text, embed_fonts: self.embed_fonts, ..self.format };
        Ok(Options { size, formats, lang: self.lang, map_only: self.map_only, share_cores: false })
    }
}

/// What `watch` does with each load and render: writes the maps (the SVG first), prints
/// what it did, and tells the preview, if one is served.
struct Author {
    out: PathBuf,
    opts: Options,
    talk: Talk,
    hub: Option<Arc<Hub>>,
    busy: Busy,
}

impl Hooks for Author {
    fn loaded(&mut self, atlas: &Arc<Atlas>) {
        if let Some(hub) = &self.hub {
            hub.loaded(atlas);
        }
    }

    fn render(&mut self, atlas: &Arc<Atlas>, phases: &[Phase], settled: Option<Instant>) -> String {
        let _writing = self.busy.lock().unwrap_or_else(|e| e.into_inner());
        let t = Instant::now();
        let (quiet, hub) = (self.talk.quiet, self.hub.as_deref());
        // The SVG, the map to look at, is written and announced first.
        let svg_written = move |id: &str, svg: &str| {
            if let Some(hub) = hub {
                hub.svg_written(id, svg);
            }
            if !quiet {
                let after = settled.map(|s| format!(" [{} ms after the save settled]", s.elapsed().as_millis()));
                println!("wrote {id} SVG ({} ms){}", t.elapsed().as_millis(), after.unwrap_or_default());
            }
        };
        let done = publish::publish(atlas, phases, &self.out, &self.opts, Progress::SvgFirst(&svg_written));
        if let Some(hub) = hub {
            hub.published(&done.written);
        }
        let mut line = if done.written.is_empty() {
            String::new()
        } else {
            let ids: Vec<&str> = done.written.iter().map(|e| e.phase.id.as_str()).collect();
            format!("rendered {} ({} ms)", ids.join(", "), t.elapsed().as_millis())
        };
        for w in done.warnings {
            line.push_str(&format!("{}warning: {w}", if line.is_empty() { "" } else { "\n" }));
        }
        for e in done.errors {
            line.push_str(&format!("{}error: {e}", if line.is_empty() { "" } else { "\n" }));
        }
        if let Err(e) = publish::write_index(atlas, &self.out, &self.opts, done.written) {
            line.push_str(&format!("\nerror: {e}"));
        }
        line
    }

    fn broken(&mut self, error: &Error) {
        if let Some(hub) = &self.hub {
            hub.broken(error);
        }
    }

    fn log(&mut self, line: &str) {
        for l in line.lines() {
            if l.starts_with("error") || l.starts_with("warning") && !self.talk.quiet {
                eprintln!("{l}");
            } else if !self.talk.quiet && !l.starts_with("warning") {
                println!("{l}");
            }
        }
    }
}

fn parse_bbox(s: &str) -> Result<Extent, String> {
    let v: Vec<f64> = s
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| format!("invalid bbox '{s}': expected four numbers, west,south,east,north"))?;
    Extent::from_slice(&v).map_err(|m| format!("invalid bbox '{s}': {m}"))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Error> {
    match &cli.command {
        Command::List { story } => {
            let story = histmap::story::Story::load(story)?;
            print!("{}", list(&story.phases));
            Ok(ExitCode::SUCCESS)
        }
        Command::Render { phases, story, output, date, compare, talk } => match output.options() {
            Ok(opts) => render(story, *talk, phases, output, &opts, date.as_deref(), compare.as_deref()),
            Err(m) => {
                eprintln!("error: {m}");
                Ok(ExitCode::from(2))
            }
        },
        Command::Watch { phases, story, output, talk, serve } => {
            let opts = match output.options() {
                Ok(o) => o,
                Err(m) => {
                    eprintln!("error: {m}");
                    return Ok(ExitCode::from(2));
                }
            };
            let watch = histmap::watch::Watch {
                story: story.story.clone(),
                style: story.style(),
                fonts: story.fonts.clone(),
                phases: phases.clone(),
            };
            publish::writable(&output.out)?;
            // With a page open on the maps, the raster leaves a core to the browser.
            let opts = Options { share_cores: serve.is_some(), ..opts };
            let hub = serve.map(|_| Arc::new(Hub::new(&watch.story, &watch.style, &output.out, opts)));
            if let (Some(addr), Some(hub)) = (serve, &hub) {
                let server = histmap::serve::start(*addr, hub.clone())?;
                println!("preview at {}", server.url);
                if !server.loopback {
                    println!("note: the preview listens on {} as asked: other machines can reach it", server.url);
                }
            }
            let busy = Busy::default();
            let quiet = talk.quiet;
            histmap::stop::on_signal(busy.clone(), move || {
                if !quiet {
                    println!("stopped");
                }
            })?;
            watch.run(&mut Author { out: output.out.clone(), opts, talk: *talk, hub, busy })?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Draw { files, output, bbox, proj, title, size, dpi, date, style, fonts, talk, embed_fonts } => {
            let date = match date.as_deref().map(histmap::date::DateSpan::parse).transpose() {
                Ok(d) => d,
                Err(m) => {
                    eprintln!("error: --date: {m}");
                    return Ok(ExitCode::from(2));
                }
            };
            let size = match Size::parse(size, *dpi) {
                Ok(s) => s,
                Err(m) => {
                    eprintln!("error: {m}");
                    return Ok(ExitCode::from(2));
                }
            };
            let ext = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
            let Ok(formats) = Formats::parse(&ext) else {
                eprintln!("error: {}: the output must end in .svg, .png or .pdf", output.display());
                return Ok(ExitCode::from(2));
            };
            let formats = Formats { embed_fonts: *embed_fonts, ..formats };
            let drawing = histmap::draw::Drawing {
                files: files.clone(),
                style: style.clone(),
                bbox: *bbox,
                proj: proj.clone(),
                title: title.clone(),
                date,
            };
            let report = drawing.draw(fonts.as_deref(), output, size, formats)?;
            if !talk.quiet {
                report.warnings.iter().for_each(|w| eprintln!("warning: {w}"));
            }
            if talk.verbose {
                eprintln!(
                    "loaded {} features in {} ms; drew and wrote {} KB in {} ms",
                    report.features,
                    report.loaded.as_millis(),
                    report.bytes / 1024,
                    report.drawn.as_millis()
                );
            }
            if !talk.quiet {
                println!(
                    "drew {} → {}",
                    files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "),
                    output.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Animate { story, from, to, step, phases, phase, bbox, out, size, dpi, lang, format, delay, talk } => {
            let usage = |m: String| {
                eprintln!("error: {m}");
                Ok(ExitCode::from(2))
            };
            let size = match Size::parse(size, *dpi) {
                Ok(s) => s,
                Err(m) => return usage(m),
            };
            let dates = match (from, to, *phases) {
                (Some(from), Some(to), false) => {
                    match histmap::animate::sequence::Step::parse(step)
                        .and_then(|s| histmap::animate::sequence::frames(from, to, s))
                    {
                        Ok(d) => Some(d),
                        Err(m) => return usage(m),
                    }
                }
                _ => None,
            };
            let atlas = Atlas::load(&story.story, &story.style(), story.fonts.as_deref())?;
            if !talk.quiet {
                atlas.warnings().for_each(|w| eprintln!("warning: {w}"));
            }
            let base = match (phase, bbox) {
                (Some(id), _) => match atlas.story.phase(id) {
                    Some(p) => p.clone(),
                    None => return usage(format!("unknown phase '{id}'")),
                },
                (None, Some(e)) => Phase { extent: *e, inset: None, ..histmap::animate::story_frame(&atlas) },
                (None, None) => histmap::animate::story_frame(&atlas),
            };
            let dates = dates.unwrap_or_else(|| histmap::animate::phase_dates(&atlas));
            publish::writable(out)?;
            let t = Instant::now();
            let req = histmap::animate::Request { dates, base, size, lang: *lang, outputs: *format, delay_ms: *delay };
            let report = histmap::animate::animate(&atlas, &req, out)?;
            if !talk.quiet {
                for f in &report.files {
                    let size =
                        std::fs::metadata(f).ok().filter(|m| m.is_file()).map(|m| format!(" ({} KB)", m.len() / 1024));
                    println!("wrote {}{}", f.display(), size.filter(|_| talk.verbose).unwrap_or_default());
                }
                println!(
                    "{} frames ({} maps drawn, the rest reused) in {} ms",
                    report.frames,
                    report.drawn,
                    t.elapsed().as_millis()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "histmap", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { subcommand, out } => man(subcommand.as_deref(), out.as_deref()),
        Command::Check { story, style, strict, quiet } => {
            let style = style.clone().unwrap_or_else(|| histmap::atlas::default_style(story));
            check(story, &style, *strict, *quiet)
        }
    }
}

/// The phases as aligned columns: id, date, title.
fn list(phases: &[histmap::story::Phase]) -> String {
    let id_width = phases.iter().map(|p| p.id.chars().count()).max().unwrap_or(0);
    let date_width = phases.iter().map(|p| p.date_label.chars().count()).max().unwrap_or(0);
    phases.iter().map(|p| format!("{:<id_width$}  {:<date_width$}  {}\n", p.id, p.date_label, p.title)).collect()
}

/// Prints the manual page of histmap or of one subcommand, or writes them all into `out`.
fn man(subcommand: Option<&str>, out: Option<&std::path::Path>) -> Result<ExitCode, Error> {
    let manual_error = |e: std::io::Error| Error::msg(format!("cannot write the manual: {e}"));
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    if let Some(dir) = out {
        std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, format!("cannot create the folder: {e}")))?;
        clap_mangen::generate_to(cmd, dir).map_err(manual_error)?;
        return Ok(ExitCode::SUCCESS);
    }
    let page = match subcommand {
        None => cmd,
        Some(name) => match cmd.find_subcommand(name) {
            Some(sub) => sub.clone(),
            None => {
                let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
                eprintln!("error: no subcommand '{name}' (subcommands: {})", names.join(", "));
                return Ok(ExitCode::from(2));
            }
        },
    };
    let mut roff = Vec::new();
    clap_mangen::Man::new(page).render(&mut roff).map_err(manual_error)?;
    print!("{}", String::from_utf8_lossy(&roff));
    Ok(ExitCode::SUCCESS)
}

/// `histmap check`: every error, then every warning (errors too if `strict`; not shown if
/// `quiet`), then a summary.
fn check(story: &std::path::Path, style: &std::path::Path, strict: bool, quiet: bool) -> Result<ExitCode, Error> {
    let report = histmap::check::check(story, style);
    let (mut errors, mut warnings) = (report.errors, report.warnings);
    if strict {
        errors.append(&mut warnings);
    }
    for e in &errors {
        eprintln!("{e}");
    }
    if !quiet {
        for w in &warnings {
            eprintln!("warning: {w}");
        }
    }
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if !errors.is_empty() {
        eprintln!("{} problem{} found", errors.len(), plural(errors.len()));
        return Ok(ExitCode::from(1));
    }
    let features: usize = report.layers.iter().map(|(_, n)| n).sum();
    let warned = if warnings.is_empty() {
        String::new()
    } else {
        format!(", {} warning{}", warnings.len(), plural(warnings.len()))
    };
    println!(
        "ok: {} phases, {} style layers, {} geodata layers with {features} features{warned}",
        report.phases,
        report.style_layers,
        report.layers.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn render(
    story: &StoryArgs,
    talk: Talk,
    ids: &[String],
    output: &OutputArgs,
    opts: &Options,
    date: Option<&str>,
    compare: Option<&str>,
) -> Result<ExitCode, Error> {
    let out = output.out.as_path();
    let quiet = talk.quiet;
    let parse = |flag: &str, d: Option<&str>| {
        d.map(histmap::date::DateSpan::parse).transpose().map_err(|m| eprintln!("error: --{flag}: {m}"))
    };
    let compare = compare.map(histmap::story::Compare::on).transpose().map_err(|m| eprintln!("error: --compare: {m}"));
    let (Ok(span), Ok(compare)) = (parse("date", date), compare) else {
        return Ok(ExitCode::from(2));
    };
    let atlas = Atlas::load(&story.story, &story.style(), story.fonts.as_deref())?;
    if !quiet {
        atlas.warnings().for_each(|w| eprintln!("warning: {w}"));
    }
    let mut phases = Vec::new();
    for id in ids {
        match atlas.story.phase(id) {
            Some(p) => phases.push(p.clone()),
            None => {
                let known: Vec<&str> = atlas.story.phases.iter().map(|p| p.id.as_str()).collect();
                eprintln!("error: unknown phase '{id}' (phases: {})", known.join(", "));
                return Ok(ExitCode::from(2));
            }
        }
    }
    if let (Some(d), Some(span)) = (date, span) {
        let base = phases.first().cloned().unwrap_or_else(|| atlas.story.phase_for(&span).clone());
        let compare = compare.or_else(|| atlas.story.before(&span));
        phases = vec![base.on_date(d, compare).map_err(Error::msg)?];
    } else if phases.is_empty() {
        phases = atlas.story.phases.clone();
    }
    publish::writable(out)?;
    let t = Instant::now();
    let progress = if quiet { Progress::Quiet } else { Progress::Bar };
    let done = publish::publish(&atlas, &phases, out, opts, progress);
    if talk.verbose {
        done.stats.iter().for_each(|l| println!("{l}"));
    }
    if !quiet {
        done.warnings.iter().for_each(|w| eprintln!("warning: {w}"));
        for e in &done.written {
            println!(
                "rendered {} → {}/{}",
                e.phase.id,
                out.display(),
                publish::file_name(&e.phase.id, opts.lang, &opts.formats.extensions().join(", ."))
            );
        }
        let n = done.written.len();
        println!("{n} map{} in {} ms", if n == 1 { "" } else { "s" }, t.elapsed().as_millis());
    }
    for e in &done.errors {
        eprintln!("error: {e}");
    }
    let failed = !done.errors.is_empty();
    publish::write_index(&atlas, out, opts, done.written)?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
