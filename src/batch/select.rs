//! Which files a batch takes: the folder walk, globs, file types and shards.
//!
//! Every command that takes paths (`extract`, `export`, `audit`) lists its
//! inputs through [`list`], so `--glob`, `--type`, `--hidden` and
//! `--respect-ignore` mean the same everywhere. The walk is ripgrep's and
//! fd's (the `ignore` crate), with one difference on purpose: ignore files
//! (`.gitignore`, `.ignore`) are *not* respected unless asked, because an
//! archivist pointing at a folder expects every document in it, and a
//! `.gitignore` left by someone else would silently drop files from a batch.
//!
//! The order is deterministic: command-line order, each folder walked with
//! its entries sorted by name (bytes), whatever the file system returns.
//! [`shard`] sorts the list again by whole path before splitting it, so the
//! split does not even depend on that order.

use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use super::Input;

/// A kind of input file, chosen by extension when walking folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FileType {
    Pdf,
    Docx,
    Doc,
    Rtf,
    Xls,
    Xlsx,
    Ods,
    Txt,
    Image,
    /// Output already extracted (`.json`, `.jsonl`, `.ndjson`), read by `export` and `audit`.
    Json,
    /// Every file, whatever its name.
    Any,
}

/// Each type's name on the command line and its extensions (compared
/// without regard to case: archives are full of `.PDF` and `.DOC`).
pub const FILE_TYPES: &[(FileType, &str, &[&str])] = &[
    (FileType::Pdf, "pdf", &["pdf"]),
    (FileType::Docx, "docx", &["docx"]),
    (FileType::Doc, "doc", &["doc"]),
    (FileType::Rtf, "rtf", &["rtf"]),
    (FileType::Xls, "xls", &["xls"]),
    (FileType::Xlsx, "xlsx", &["xlsx"]),
    (FileType::Ods, "ods", &["ods"]),
    (FileType::Txt, "txt", &["txt", "text", "md"]),
    (
        FileType::Image,
        "image",
        &["png", "jpg", "jpeg", "tif", "tiff"],
    ),
    (FileType::Json, "json", &["json", "jsonl", "ndjson"]),
    (FileType::Any, "any", &[]),
];

/// The types a folder gives when no `--type` is given: every document format
/// the pipeline reads.
pub const DOCUMENT_TYPES: &[FileType] = &DOCUMENTS;

const DOCUMENTS: [FileType; 9] = [
    FileType::Pdf,
    FileType::Docx,
    FileType::Doc,
    FileType::Rtf,
    FileType::Xls,
    FileType::Xlsx,
    FileType::Ods,
    FileType::Txt,
    FileType::Image,
];

/// The default of the commands that also read extracted JSON: the
/// documents, then JSON.
pub const DOCUMENT_AND_JSON_TYPES: &[FileType] = &{
    let mut all = [FileType::Json; DOCUMENTS.len() + 1];
    let mut i = 0;
    while i < DOCUMENTS.len() {
        all[i] = DOCUMENTS[i];
        i += 1;
    }
    all
};

impl FileType {
    pub fn name(self) -> &'static str {
        FILE_TYPES
            .iter()
            .find(|(t, _, _)| *t == self)
            .map_or("", |(_, n, _)| n)
    }

    pub fn extensions(self) -> &'static [&'static str] {
        FILE_TYPES
            .iter()
            .find(|(t, _, _)| *t == self)
            .map_or(&[], |(_, _, e)| e)
    }

    /// Does a file of this name belong to this type?
    pub fn matches(self, path: &Path) -> bool {
        if self == FileType::Any {
            return true;
        }
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            return false;
        };
        self.extensions()
            .iter()
            .any(|known| known.eq_ignore_ascii_case(ext))
    }
}

impl FromStr for FileType {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        FILE_TYPES
            .iter()
            .find(|(_, n, _)| n.eq_ignore_ascii_case(s))
            .map(|(t, _, _)| *t)
            .ok_or_else(|| {
                let names: Vec<&str> = FILE_TYPES.iter().map(|(_, n, _)| *n).collect();
                format!("unknown type `{s}` (known: {})", names.join(", "))
            })
    }
}

impl fmt::Display for FileType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The `--type-list` table: each type, its extensions, and whether a folder
/// gives it by default (`defaults`, the command's own).
pub fn type_list(defaults: &[FileType]) -> String {
    let mut out = String::new();
    for (t, name, exts) in FILE_TYPES {
        let globs = if exts.is_empty() {
            "every file".to_string()
        } else {
            exts.iter()
                .map(|e| format!("*.{e}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mark = if defaults.contains(t) {
            "  (default)"
        } else {
            ""
        };
        out.push_str(&format!("{name:<6} {globs}{mark}\n"));
    }
    out
}

/// How to pick files inside folders. Files named on the command line are
/// always taken, whatever their name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Globs as ripgrep's `--glob`: `*.pdf` takes only matching files (when
    /// any such glob is given), `!old/**` leaves matching files and folders
    /// out. Matched against the path below the folder given, gitignore style
    /// (a glob without `/` matches a name at any depth).
    pub globs: Vec<String>,
    /// The same, ignoring case (`--iglob`).
    pub iglobs: Vec<String>,
    /// The types taken; empty: the command's default.
    pub types: Vec<FileType>,
    /// Also enter hidden folders and take hidden files (names starting with `.`).
    pub hidden: bool,
    /// Leave out what `.gitignore`, `.ignore` and `.git/info/exclude` files
    /// in and above the folder exclude. A user's global git excludes are
    /// never read: the same command must select the same files on every
    /// machine (shards of one batch run on different nodes).
    pub respect_ignore: bool,
}

/// What a listing found: the inputs, in order, and notes on what was left
/// out and why (special files, ignore files that could not be read).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Listing {
    pub inputs: Vec<Input>,
    pub notes: Vec<String>,
}

/// A selection that cannot be used: a glob that does not parse.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectError(pub String);

impl fmt::Display for SelectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The inputs named by `paths`: `-` is standard input, a folder gives its
/// selected files, anything else is taken as is (a missing path becomes a
/// failed document, so it is reported). `default_types` is used when the
/// selection names no type.
///
/// In a folder, links to files are taken (a folder of links is a common way
/// to pick a batch), and so are broken or looping links and unreadable
/// subfolders, so that each is reported rather than silently missed. Links
/// to folders are not followed (no loops, no leaving the tree). FIFOs,
/// sockets and devices are left out with a note: reading one could block a
/// worker until the timeout, and none is a document.
pub fn list(
    paths: &[PathBuf],
    sel: &Selection,
    default_types: &[FileType],
) -> Result<Listing, SelectError> {
    let types = if sel.types.is_empty() {
        default_types
    } else {
        &sel.types[..]
    };
    let keep = |p: &Path| types.iter().any(|t| t.matches(p));
    let mut listing = Listing::default();
    for p in paths {
        if p.as_os_str() == "-" {
            listing.inputs.push(Input::Stdin);
        } else if p.is_dir() {
            for found in walk_selected(p, sel, &keep, &mut listing.notes)? {
                listing
                    .inputs
                    .push(Input::Path(found.unwrap_or_else(|e| e)));
            }
        } else {
            listing.inputs.push(Input::Path(p.clone()));
        }
    }
    Ok(listing)
}

/// The files of one folder that the selection and `keep` accept, each
/// folder's entries sorted by name. `Err` holds a path that could not be read, for the caller to report.
pub(crate) fn walk_selected(
    dir: &Path,
    sel: &Selection,
    keep: &dyn Fn(&Path) -> bool,
    notes: &mut Vec<String>,
) -> Result<Vec<Result<PathBuf, PathBuf>>, SelectError> {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    // Hidden names are left out here rather than by the walker's own filter,
    // which a matching `--glob` overrides: `-g '*.pdf'` must not bring in
    // `.trash/x.pdf` unless `--hidden` is given.
    if !sel.hidden {
        builder.filter_entry(|e| {
            e.depth() == 0 || !e.file_name().as_encoded_bytes().starts_with(b".")
        });
    }
    if sel.respect_ignore {
        builder
            .ignore(true)
            .git_ignore(true)
            .git_exclude(true)
            .parents(true)
            .require_git(false);
    }
    if !sel.globs.is_empty() || !sel.iglobs.is_empty() {
        builder.overrides(overrides(dir, sel)?);
    }
    let mut found = Vec::new();
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if e.depth() == 0 {
                    continue;
                }
                match kind(&e) {
                    Kind::File if keep(e.path()) => found.push(Ok(e.into_path())),
                    Kind::File | Kind::Folder => {}
                    Kind::Special(what) if keep(e.path()) => notes.push(format!(
                        "{}: skipped: {what}, not a document file",
                        e.path().display()
                    )),
                    Kind::Special(_) => {}
                }
            }
            Err(err) => match unreadable_path(&err) {
                Some(p) => found.push(Err(p)),
                None => notes.push(format!("{}: {}", dir.display(), one_line(&err))),
            },
        }
    }
    Ok(found)
}

/// The ripgrep-style override matcher of `sel`'s globs, rooted at `dir`.
fn overrides(dir: &Path, sel: &Selection) -> Result<ignore::overrides::Override, SelectError> {
    let mut ob = ignore::overrides::OverrideBuilder::new(dir);
    let bad = |g: &str, e: ignore::Error| SelectError(format!("bad glob `{g}`: {}", one_line(&e)));
    for g in &sel.globs {
        ob.add(g).map_err(|e| bad(g, e))?;
    }
    if !sel.iglobs.is_empty() {
        ob.case_insensitive(true).map_err(|e| bad("", e))?;
        for g in &sel.iglobs {
            ob.add(g).map_err(|e| bad(g, e))?;
        }
    }
    ob.build().map_err(|e| SelectError(one_line(&e)))
}

enum Kind {
    File,
    Folder,
    Special(&'static str),
}

/// What an entry is, looking through a link. A link whose target cannot be
/// read (broken, looping, no permission) counts as a file: processing it
/// reports why.
fn kind(e: &ignore::DirEntry) -> Kind {
    let ft = match e.file_type() {
        Some(ft) if ft.is_symlink() => match std::fs::metadata(e.path()) {
            Ok(m) => m.file_type(),
            Err(_) => return Kind::File,
        },
        Some(ft) => ft,
        None => return Kind::File,
    };
    if ft.is_file() {
        return Kind::File;
    }
    if ft.is_dir() {
        return Kind::Folder;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Kind::Special("a FIFO");
        }
        if ft.is_socket() {
            return Kind::Special("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Kind::Special("a device");
        }
    }
    Kind::Special("not a regular file")
}

/// The path of a walk error that is an input/output error on a file or
/// folder (an unreadable subfolder), to be reported as that input. Other
/// errors (a malformed ignore file) are notes, not inputs.
fn unreadable_path(err: &ignore::Error) -> Option<PathBuf> {
    fn io_below(err: &ignore::Error) -> bool {
        match err {
            ignore::Error::Io(_) => true,
            ignore::Error::WithPath { err, .. }
            | ignore::Error::WithDepth { err, .. }
            | ignore::Error::WithLineNumber { err, .. } => io_below(err),
            _ => false,
        }
    }
    fn path_of(err: &ignore::Error) -> Option<PathBuf> {
        match err {
            ignore::Error::WithPath { path, .. } => Some(path.clone()),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                path_of(err)
            }
            ignore::Error::Loop { child, .. } => Some(child.clone()),
            _ => None,
        }
    }
    if !io_below(err) && !matches!(err, ignore::Error::Loop { .. }) {
        return None;
    }
    let path = path_of(err)?;
    // A `.gitignore` that cannot be read is not an input.
    let ignore_file = path
        .file_name()
        .is_some_and(|n| n == ".gitignore" || n == ".ignore" || n == "exclude");
    (!ignore_file).then_some(path)
}

fn one_line(e: &dyn fmt::Display) -> String {
    e.to_string()
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// One part of a batch split for a job array: shard `index` of `count`,
/// numbered from 1 (`--shard 1/4` … `--shard 4/4`), as Slurm's
/// `--array=1-N`, GNU parallel's `{#}` and `seq 1 N` count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let usage = || format!("`{s}` is not a shard: write I/N, e.g. 1/4 (shards 1/4 … 4/4)");
        let (i, n) = s.split_once('/').ok_or_else(usage)?;
        let index: usize = i.trim().parse().map_err(|_| usage())?;
        let count: usize = n.trim().parse().map_err(|_| usage())?;
        if count == 0 {
            return Err(format!("`{s}`: the number of shards must be at least 1"));
        }
        if index == 0 || index > count {
            return Err(format!(
                "`{s}`: shards are numbered from 1 to {count} (from a 0-based task id, add 1)"
            ));
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// The positions in `inputs` that belong to `shard`, in their order.
///
/// Inputs are ranked by path (bytes; an input named twice keeps both
/// places, ties by position) and dealt out in turn: rank `r` (from 0) goes to
/// shard `r mod count + 1`. Every shard so gets the same number of files
/// within one, big folders are spread over all shards, and the split depends
/// only on the list, not on the walk, the machine or `-j`: the union of the
/// shards is the list, with no file twice.
pub fn shard(inputs: &[Input], shard: Shard) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..inputs.len()).collect();
    ranked.sort_by(|&a, &b| {
        sort_key(&inputs[a])
            .cmp(&sort_key(&inputs[b]))
            .then(a.cmp(&b))
    });
    let mut mine: Vec<usize> = ranked
        .into_iter()
        .enumerate()
        .filter(|(rank, _)| rank % shard.count == shard.index - 1)
        .map(|(_, i)| i)
        .collect();
    mine.sort_unstable();
    mine
}

fn sort_key(input: &Input) -> Option<&Path> {
    match input {
        Input::Path(p) => Some(p),
        Input::Stdin => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(v: &[&str]) -> Vec<Input> {
        v.iter().map(|p| Input::Path(PathBuf::from(p))).collect()
    }

    #[test]
    fn shards_parse_from_one() {
        assert_eq!("2/4".parse(), Ok(Shard { index: 2, count: 4 }));
        assert_eq!("1/1".parse(), Ok(Shard { index: 1, count: 1 }));
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "-1/4", "1/4/2", ""] {
            assert!(bad.parse::<Shard>().is_err(), "{bad}");
        }
    }

    #[test]
    fn shards_deal_the_sorted_list_in_turn() {
        let inputs = paths(&["d.txt", "a.txt", "c.txt", "b.txt", "e.txt"]);
        // Sorted: a b c d e → shard 1 takes a, c, e; shard 2 takes b, d.
        let one = shard(&inputs, Shard { index: 1, count: 2 });
        let two = shard(&inputs, Shard { index: 2, count: 2 });
        assert_eq!(one, vec![1, 2, 4]); // a.txt, c.txt, e.txt in list order
        assert_eq!(two, vec![0, 3]); // d.txt, b.txt
    }

    #[test]
    fn more_shards_than_files_leaves_some_empty() {
        let inputs = paths(&["a.txt", "b.txt"]);
        let all: Vec<Vec<usize>> = (1..=3)
            .map(|i| shard(&inputs, Shard { index: i, count: 3 }))
            .collect();
        assert_eq!(all, vec![vec![0], vec![1], vec![]]);
    }

    #[test]
    fn types_match_extensions_without_case() {
        assert!(FileType::Pdf.matches(Path::new("a/B.PDF")));
        assert!(FileType::Txt.matches(Path::new("notes.md")));
        assert!(!FileType::Doc.matches(Path::new("a.docx")));
        assert!(!FileType::Pdf.matches(Path::new("pdf")));
        assert!(FileType::Any.matches(Path::new("README")));
        assert_eq!("IMAGE".parse(), Ok(FileType::Image));
        assert!("jpeg".parse::<FileType>().is_err());
    }
}
