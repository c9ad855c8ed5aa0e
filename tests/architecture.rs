//! The shape of `src/`, checked: no import cycle between files (a module and its own
//! submodules aside), nothing but the command layer imports `commands`, no two types of one
//! name, and few long functions, each saying why it is kept whole.
//!
//! The source is parsed with syn, as rustc would read it: every `use` and every path that
//! starts with `crate`, `super` or `self` (in code, and in the tokens of macros such as
//! `format!`) is an edge from its file to the module file it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// Functions longer than this many lines must say why they are kept whole.
const LONG_FUNCTION: usize = 100;
/// How many such functions there may be.
const MAX_LONG_FUNCTIONS: usize = 6;
/// What the doc comment of a long function starts its reason with.
const REASON: &str = "Kept whole because";

/// One `.rs` file of `src/` and the module it is.
struct SourceFile {
    path: PathBuf,
    /// `["load", "read"]` for `src/load/read.rs`; empty for `src/lib.rs`.
    module: Vec<String>,
    syntax: syn::File,
}

fn source_files() -> Vec<SourceFile> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("walk src/");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") || path.ends_with("main.rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let mut module: Vec<String> = relative
            .iter()
            .map(|part| part.to_string_lossy().to_string())
            .collect();
        if module
            .last()
            .is_some_and(|last| last == "mod" || last == "lib")
        {
            module.pop();
        }
        let text = std::fs::read_to_string(path).unwrap();
        let syntax = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", path.display()));
        files.push(SourceFile {
            path: path.strip_prefix(&src).unwrap().to_path_buf(),
            module,
            syntax,
        });
    }
    files
}

/// Collects the module paths a file names, absolute from the crate root.
struct Imports {
    /// The module the code being visited is in: the file's, plus inline modules (`mod tests`).
    scope: Vec<String>,
    found: BTreeSet<Vec<String>>,
}

impl Imports {
    /// `segments` as an absolute path, when it starts with `crate`, `super` or `self`.
    fn absolute(&self, segments: &[String]) -> Option<Vec<String>> {
        let mut base = self.scope.clone();
        let mut rest = segments;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("super") | Some("self") => {
                while let Some(first) = rest.first() {
                    match first.as_str() {
                        "super" => {
                            base.pop()?;
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = &rest[1..];
                }
            }
            _ => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    }

    fn add(&mut self, segments: &[String]) {
        if let Some(path) = self.absolute(segments) {
            self.found.insert(path);
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                let mut path = prefix.clone();
                if n.ident != "self" {
                    path.push(n.ident.to_string());
                }
                self.add(&path);
            }
            syn::UseTree::Rename(r) => {
                let mut path = prefix.clone();
                if r.ident != "self" {
                    path.push(r.ident.to_string());
                }
                self.add(&path);
            }
            syn::UseTree::Glob(_) => {
                let path = prefix.clone();
                self.add(&path);
            }
            syn::UseTree::Group(g) => {
                for tree in &g.items {
                    self.use_tree(prefix, tree);
                }
            }
        }
    }

    /// Paths such as `crate::layout::STORIES_DIR` inside a macro's tokens.
    fn tokens(&mut self, tokens: proc_macro2::TokenStream) {
        let tokens: Vec<proc_macro2::TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                proc_macro2::TokenTree::Group(group) => self.tokens(group.stream()),
                proc_macro2::TokenTree::Ident(ident)
                    if ["crate", "super", "self"].contains(&ident.to_string().as_str()) =>
                {
                    let mut segments = vec![ident.to_string()];
                    let mut j = i + 1;
                    while let (
                        Some(proc_macro2::TokenTree::Punct(a)),
                        Some(proc_macro2::TokenTree::Punct(b)),
                        Some(proc_macro2::TokenTree::Ident(next)),
                    ) = (tokens.get(j), tokens.get(j + 1), tokens.get(j + 2))
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(next.to_string());
                        j += 3;
                    }
                    if segments.len() > 1 {
                        self.add(&segments);
                    }
                    i = j;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Imports {
    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.add(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.tokens(mac.tokens.clone());
        syn::visit::visit_macro(self, mac);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if item.content.is_some() {
            self.scope.push(item.ident.to_string());
            syn::visit::visit_item_mod(self, item);
            self.scope.pop();
        }
    }
}

/// The module file a path names: the longest prefix of it that is a module with a file.
fn module_file<'m>(
    modules: &'m BTreeMap<Vec<String>, PathBuf>,
    path: &[String],
) -> Option<&'m PathBuf> {
    (0..=path.len()).rev().find_map(|n| modules.get(&path[..n]))
}

/// File -> the files it imports, leaving out a module's own ancestors and submodules.
fn import_graph(files: &[SourceFile]) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let modules: BTreeMap<Vec<String>, PathBuf> = files
        .iter()
        .map(|f| (f.module.clone(), f.path.clone()))
        .collect();
    let module_of: BTreeMap<&PathBuf, &Vec<String>> =
        files.iter().map(|f| (&f.path, &f.module)).collect();
    let mut graph = BTreeMap::new();
    for file in files {
        let mut imports = Imports {
            scope: file.module.clone(),
            found: BTreeSet::new(),
        };
        imports.visit_file(&file.syntax);
        let targets: BTreeSet<PathBuf> = imports
            .found
            .iter()
            .filter_map(|path| module_file(&modules, path))
            .filter(|target| {
                let theirs = module_of[target];
                !file.module.starts_with(theirs) && !theirs.starts_with(&file.module)
            })
            .cloned()
            .collect();
        graph.insert(file.path.clone(), targets);
    }
    graph
}

/// The strongly connected groups of more than one file (Tarjan's algorithm).
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct State<'g> {
        graph: &'g BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'g PathBuf, usize>,
        low: BTreeMap<&'g PathBuf, usize>,
        stack: Vec<&'g PathBuf>,
        on_stack: BTreeSet<&'g PathBuf>,
        found: Vec<Vec<PathBuf>>,
    }
    fn connect<'g>(state: &mut State<'g>, node: &'g PathBuf) {
        let next = state.index.len();
        state.index.insert(node, next);
        state.low.insert(node, next);
        state.stack.push(node);
        state.on_stack.insert(node);
        for target in state.graph.get(node).into_iter().flatten() {
            if !state.index.contains_key(target) {
                connect(state, target);
                let low = state.low[node].min(state.low[target]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(target) {
                let low = state.low[node].min(state.index[target]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut group = Vec::new();
            while let Some(member) = state.stack.pop() {
                state.on_stack.remove(member);
                group.push(member.clone());
                if member == node {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                state.found.push(group);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for node in graph.keys() {
        if !state.index.contains_key(node) {
            connect(&mut state, node);
        }
    }
    state.found
}

#[test]
fn no_file_of_src_imports_itself_through_others() {
    let graph = import_graph(&source_files());
    let found = cycles(&graph);
    let described: Vec<String> = found
        .iter()
        .map(|group| {
            let names: Vec<String> = group.iter().map(|p| p.display().to_string()).collect();
            let edges: Vec<String> = group
                .iter()
                .flat_map(|from| {
                    graph[from]
                        .iter()
                        .filter(|to| group.contains(to))
                        .map(move |to| format!("{} -> {}", from.display(), to.display()))
                })
                .collect();
            format!("{} ({})", names.join(", "), edges.join("; "))
        })
        .collect();
    assert!(
        found.is_empty(),
        "import cycles in src/: {}",
        described.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_cycles() {
    let graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = [
        ("a.rs", vec!["b.rs"]),
        ("b.rs", vec!["c.rs"]),
        ("c.rs", vec!["a.rs"]),
        ("d.rs", vec!["a.rs"]),
    ]
    .into_iter()
    .map(|(from, to)| (from.into(), to.into_iter().map(PathBuf::from).collect()))
    .collect();
    let found = cycles(&graph);
    assert_eq!(
        found,
        vec![vec![
            PathBuf::from("a.rs"),
            PathBuf::from("b.rs"),
            PathBuf::from("c.rs")
        ]]
    );
}

#[test]
fn the_import_graph_sees_the_imports_it_should() {
    let graph = import_graph(&source_files());
    let edge = |from: &str, to: &str| {
        graph
            .get(Path::new(from))
            .is_some_and(|targets| targets.contains(Path::new(to)))
    };
    // A `use crate::…` item, a `use super::…` of a sibling, a path in code, a path inside a
    // macro's tokens, and the command layer's own imports.
    assert!(edge("commands/build.rs", "pipeline/disk.rs"));
    assert!(edge("load/i18n.rs", "load/yaml.rs"));
    assert!(edge("verify/mod.rs", "layout.rs"));
    assert!(edge("commands/suggest.rs", "editor/suggest/mod.rs"));
    assert!(edge("render/urls.rs", "layout.rs"));
    // A module and its own submodules are not edges.
    assert!(!edge("load/mod.rs", "load/read.rs"));
    assert!(!edge("load/read.rs", "load/mod.rs"));
}

#[test]
fn nothing_outside_the_command_layer_imports_it() {
    let graph = import_graph(&source_files());
    let offenders: Vec<String> = graph
        .iter()
        .filter(|(from, _)| !from.starts_with("commands"))
        .flat_map(|(from, targets)| {
            targets
                .iter()
                .filter(|to| to.starts_with("commands"))
                .map(move |to| format!("{} -> {}", from.display(), to.display()))
        })
        .collect();
    assert!(offenders.is_empty(), "{offenders:?}");
}

/// Every named type of the crate, outside tests, by name.
fn type_names(files: &[SourceFile]) -> BTreeMap<String, Vec<String>> {
    struct Types<'a> {
        file: &'a Path,
        names: &'a mut BTreeMap<String, Vec<String>>,
    }
    impl<'ast> Visit<'ast> for Types<'_> {
        fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
            self.add(&item.ident);
        }
        fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
            self.add(&item.ident);
        }
        fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
            self.add(&item.ident);
        }
        fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
            self.add(&item.ident);
        }
        fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
            if !is_test(&item.attrs) {
                syn::visit::visit_item_mod(self, item);
            }
        }
        fn visit_item_fn(&mut self, _: &'ast syn::ItemFn) {
            // Types local to a function are its own business.
        }
        fn visit_impl_item_fn(&mut self, _: &'ast syn::ImplItemFn) {}
    }
    impl Types<'_> {
        fn add(&mut self, ident: &syn::Ident) {
            self.names
                .entry(ident.to_string())
                .or_default()
                .push(self.file.display().to_string());
        }
    }
    let mut names = BTreeMap::new();
    for file in files {
        Types {
            file: &file.path,
            names: &mut names,
        }
        .visit_file(&file.syntax);
    }
    names
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("test")
            || (attr.path().is_ident("cfg")
                && attr
                    .meta
                    .require_list()
                    .is_ok_and(|list| list.tokens.to_string() == "test"))
    })
}

#[test]
fn no_two_types_share_a_name() {
    let shared: Vec<String> = type_names(&source_files())
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .map(|(name, files)| format!("{name}: {}", files.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "types of one name:\n{}",
        shared.join("\n")
    );
}

/// A function of the crate, outside tests, longer than [`LONG_FUNCTION`] lines.
struct LongFunction {
    place: String,
    lines: usize,
    docs: String,
}

fn long_functions(files: &[SourceFile]) -> Vec<LongFunction> {
    struct Functions<'a> {
        file: &'a Path,
        found: Vec<LongFunction>,
    }
    impl Functions<'_> {
        fn check(&mut self, attrs: &[syn::Attribute], sig: &syn::Signature, block: &syn::Block) {
            if is_test(attrs) {
                return;
            }
            let first = sig.fn_token.span.start().line;
            let last = block.brace_token.span.close().end().line;
            let lines = last - first + 1;
            if lines > LONG_FUNCTION {
                self.found.push(LongFunction {
                    place: format!("{}:{first} {}", self.file.display(), sig.ident),
                    lines,
                    docs: docs(attrs),
                });
            }
        }
    }
    impl<'ast> Visit<'ast> for Functions<'_> {
        fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
            self.check(&item.attrs, &item.sig, &item.block);
            syn::visit::visit_item_fn(self, item);
        }
        fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
            self.check(&item.attrs, &item.sig, &item.block);
            syn::visit::visit_impl_item_fn(self, item);
        }
        fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
            if !is_test(&item.attrs) {
                syn::visit::visit_item_mod(self, item);
            }
        }
    }
    let mut found = Vec::new();
    for file in files {
        let mut functions = Functions {
            file: &file.path,
            found: Vec::new(),
        };
        functions.visit_file(&file.syntax);
        found.extend(functions.found);
    }
    found
}

/// The text of an item's doc comment.
fn docs(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn few_functions_are_long_and_each_says_why() {
    let long = long_functions(&source_files());
    let listed: Vec<String> = long
        .iter()
        .map(|f| format!("{} ({} lines)", f.place, f.lines))
        .collect();
    assert!(
        long.len() <= MAX_LONG_FUNCTIONS,
        "{} functions over {LONG_FUNCTION} lines (at most {MAX_LONG_FUNCTIONS}): split them \
         along their sections:\n{}",
        long.len(),
        listed.join("\n")
    );
    let unexplained: Vec<&str> = long
        .iter()
        .filter(|f| !f.docs.contains(REASON))
        .map(|f| f.place.as_str())
        .collect();
    assert!(
        unexplained.is_empty(),
        "functions over {LONG_FUNCTION} lines whose doc comment does not say \"{REASON} …\": \
         {unexplained:?}"
    );
}
