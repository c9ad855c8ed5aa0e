#!/bin/sh
# Makes small starting corpora in fuzz/corpus/<target>/ (ignored by git) from the repository's
# own content and docs, plus any raw .txt articles given as arguments:
#   fuzz/seed.sh [article.txt ...]
set -eu
cd "$(dirname "$0")"
root=..
for t in front_matter infer citations matching text_fragment; do mkdir -p "corpus/$t"; done
n=0
for f in "$root"/content/index.md "$root"/content/stories/*/story.md \
         "$root"/content/stories/*/articles/*.md "$root"/docs/format.md; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    head -c 4096 "$f" > "corpus/front_matter/repo-$n"
    head -c 4096 "$f" > "corpus/citations/repo-$n"
done
n=0
for f in "$root"/content/stories/*/articles/*.md "$@"; do
    [ -f "$f" ] || continue
    n=$((n + 1))
    stem=$(basename "$f" | sed 's/\.[^.]*$//')
    # infer: file stem, a boilerplate pattern, then the text (without front matter).
    { printf '%s\n/^(Send Push|JOIN US)/\n' "$stem"; sed '1{/^---/,/^---/d}' "$f" | head -c 3000; } \
        > "corpus/infer/seed-$n"
    # matching: the article, a NUL, then one of its sentences.
    body=$(head -c 3000 "$f")
    sentence=$(printf '%s' "$body" | grep -o '[A-Z][^.]*\.' | sed -n 3p || true)
    printf '%s\0%s' "$body" "$sentence" > "corpus/matching/seed-$n"
    printf '%s' "$sentence" > "corpus/text_fragment/seed-$n"
done
for t in corpus/*; do echo "$t: $(ls "$t" | wc -l) files"; done
