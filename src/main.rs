//! The histmap command line.

use clap::{CommandFactory, Parser, Subcommand};
use histmap::atlas::Atlas;
use histmap::encode::Formats;
use histmap::error::Error;
use histmap::extent::Extent;
use histmap::lang::Lang;
use histmap::publish::{self, KnownSources, Options};
use histmap::size::Size;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Render a historical story as maps: one SVG and PNG per phase.
///
/// Exit codes: 0 success; 1 a file is missing or invalid, or a map failed (one line per
/// problem, file:line:column where known); 2 a usage error (unknown option or phase,
/// malformed or absurd size or date), refused before any work is done.
#[derive(Parser)]
#[command(name = "histmap", version, about, long_about)]
struct Cli {
    /// The story file: phases, dates, extents, captions. Geodata layers are read from its folder.
    #[arg(long, global = true, default_value = "geodata/story.toml")]
    story: PathBuf,
    /// Folder of extra fonts (.ttf, .otf, .ttc) for names in scripts the built-in fonts lack.
    #[arg(long, global = true, value_name = "DIR")]
    fonts: Option<PathBuf>,
    /// Style file [default: styles/default.toml; for draw, a plain style].
    #[arg(long, global = true)]
    style: Option<PathBuf>,
    /// Print only errors.
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print each map's size, resolution, time and file sizes.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    fn style(&self) -> PathBuf {
        self.style.clone().unwrap_or_else(|| PathBuf::from("styles/default.toml"))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Render phases (all, or those named) to OUT/<phase>.svg and OUT/<phase>.png.
    Render {
        /// Phase ids to render (default: every phase).
        phases: Vec<String>,
        #[command(flatten)]
        output: OutputArgs,
        /// Draw the state on this date (YYYY, YYYY-MM or YYYY-MM-DD) as OUT/date-<date>.svg and
        /// .png, in the frame of the phase named, or of the phase the date falls in.
        #[arg(long)]
        date: Option<String>,
    },
    /// Render, then re-render on every save of the story, the style or a layer; a broken file
    /// is reported and the last good maps are kept.
    Watch {
        /// Phase ids to keep rendered (default: every phase).
        phases: Vec<String>,
        #[command(flatten)]
        output: OutputArgs,
    },
    /// Draw any GeoJSON files as one map, e.g. `histmap draw rivers.geojson cities.geojson
    /// --bbox 115,40,135,50 -o map.png`; the format comes from the output's extension.
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
    },
    /// List the phases with their dates and titles.
    List,
    /// Check the story, the style and the geodata, reporting every problem (exit 1 if any
    /// error) and every warning: what a render draws all the same, such as invalid polygons.
    Check {
        /// Count warnings as errors (exit 1 if any).
        #[arg(long)]
        strict: bool,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `histmap man > histmap.1`.
    Man,
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
    /// Language of the maps: en, or ru for the Russian edition (labels from name_ru, titles
    /// and captions from the story's *_ru fields), written as <phase>.ru.svg and so on.
    #[arg(long, default_value = "en", value_parser = |s: &str| Lang::parse(s))]
    lang: Lang,
}

impl OutputArgs {
    /// The render options, or a usage error for a bad size.
    fn options(&self) -> Result<Options, String> {
        let size = match &self.size {
            Some(spec) => Size::parse(spec, self.dpi)?,
            None => Size::pixels(self.width, self.height, self.dpi)?,
        };
        Ok(Options { size, formats: Formats { outline_text: self.outline_text, ..self.format }, lang: self.lang })
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
        Command::List => {
            let story = histmap::story::Story::load(&cli.story)?;
            for p in &story.phases {
                println!("{:<18} {:<26} {}", p.id, p.date_label, p.title);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Render { phases, output, date } => match output.options() {
            Ok(opts) => render(&cli, phases, output, &opts, date.as_deref()),
            Err(m) => {
                eprintln!("error: {m}");
                Ok(ExitCode::from(2))
            }
        },
        Command::Watch { phases, output } => {
            let opts = match output.options() {
                Ok(o) => o,
                Err(m) => {
                    eprintln!("error: {m}");
                    return Ok(ExitCode::from(2));
                }
            };
            let watch = histmap::watch::Watch {
                story: cli.story.clone(),
                style: cli.style(),
                fonts: cli.fonts.clone(),
                phases: phases.clone(),
            };
            let out = output.out.clone();
            let mut known = KnownSources::new();
            watch.run(
                |atlas, phases| {
                    let t = Instant::now();
                    let done = publish::publish(atlas, phases, &out, &opts, false);
                    let mut line = if done.written.is_empty() {
                        String::new()
                    } else {
                        let ids: Vec<&str> = done.written.iter().map(|e| e.phase.id.as_str()).collect();
                        format!("rendered {} ({} ms)", ids.join(", "), t.elapsed().as_millis())
                    };
                    for e in done.errors {
                        line.push_str(&format!("{}error: {e}", if line.is_empty() { "" } else { "\n" }));
                    }
                    if let Err(e) = publish::write_index(atlas, &out, &opts, done.written, &mut known) {
                        line.push_str(&format!("\nerror: {e}"));
                    }
                    line
                },
                |line| {
                    for l in line.lines() {
                        if l.starts_with("error") || l.starts_with("warning") && !cli.quiet {
                            eprintln!("{l}");
                        } else if !cli.quiet && !l.starts_with("warning") {
                            println!("{l}");
                        }
                    }
                },
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Draw { files, output, bbox, proj, title, size, dpi } => {
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
            let drawing = histmap::draw::Drawing {
                files: files.clone(),
                style: cli.style.clone(),
                bbox: *bbox,
                proj: proj.clone(),
                title: title.clone(),
            };
            let report = drawing.draw(cli.fonts.as_deref(), output, size, formats)?;
            if !cli.quiet {
                report.warnings.iter().for_each(|w| eprintln!("warning: {w}"));
            }
            if cli.verbose {
                eprintln!(
                    "loaded {} features in {} ms; drew and wrote {} KB in {} ms",
                    report.features,
                    report.loaded.as_millis(),
                    report.bytes / 1024,
                    report.drawn.as_millis()
                );
            }
            if !cli.quiet {
                println!(
                    "drew {} → {}",
                    files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(", "),
                    output.display()
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Completions { shell } => {
            clap_complete::generate(*shell, &mut Cli::command(), "histmap", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| Error::msg(format!("cannot write the manual: {e}")))?;
            print!("{}", String::from_utf8_lossy(&page));
            Ok(ExitCode::SUCCESS)
        }
        Command::Check { strict } => {
            let report = histmap::check::check(&cli.story, &cli.style());
            let (mut errors, mut warnings) = (report.errors, report.warnings);
            if *strict {
                errors.append(&mut warnings);
            }
            for e in &errors {
                eprintln!("{e}");
            }
            for w in &warnings {
                eprintln!("warning: {w}");
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
    }
}

fn render(
    cli: &Cli,
    ids: &[String],
    output: &OutputArgs,
    opts: &Options,
    date: Option<&str>,
) -> Result<ExitCode, Error> {
    let out = output.out.as_path();
    let quiet = cli.quiet;
    let span = match date.map(histmap::date::DateSpan::parse).transpose() {
        Ok(span) => span,
        Err(m) => {
            eprintln!("error: --date: {m}");
            return Ok(ExitCode::from(2));
        }
    };
    let atlas = Atlas::load(&cli.story, &cli.style(), cli.fonts.as_deref())?;
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
        phases = vec![base.on_date(d).map_err(Error::msg)?];
    } else if phases.is_empty() {
        phases = atlas.story.phases.clone();
    }
    publish::writable(out)?;
    let t = Instant::now();
    let done = publish::publish(&atlas, &phases, out, opts, !quiet);
    if cli.verbose {
        done.stats.iter().for_each(|l| println!("{l}"));
    }
    if !quiet {
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
    publish::write_index(&atlas, out, opts, done.written, &mut KnownSources::new())?;
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
