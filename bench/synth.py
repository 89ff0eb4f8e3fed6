"""Deterministic synthetic newspaper pages made from the sample pages.

Each synthetic page recombines paragraphs-level articles of the five sample pages (a page
skeleton of 4-10 articles drawn with a seeded RNG), renames the people (new names from
the surname lexicon), moves the story to other counties of the gazetteer, and shifts the
dates, so no page is a plain repeat of another. Usage:

    python bench/synth.py 1000 -o /tmp/pages-1k      # writes 1000 *.txt files

or, from Python, ``pages(n, seed)`` yields ``(name, text)`` pairs without touching disk.
"""

from __future__ import annotations

import argparse
import random
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "src" / "newsgraph" / "samples"
GOLD = ROOT / "eval" / "gold"
GIVEN = "建国明华强伟军平志刚海涛红霞丽娟晓燕文斌静宇鹏飞雪峰东亮宏杰瑞雨婷俊杰春秋"


@cache
def _articles() -> list[str]:
    """The sample pages' articles, as printed (split at blank-line runs before a headline)."""
    from newsgraph.read import read_page
    from newsgraph.segment import segment

    out = []
    for path in sorted(SAMPLES.glob("*.txt")):
        page = read_page(path)
        out.extend(a.text for a in segment(page) if len(a.text) > 80)
    return out


@cache
def _people() -> list[str]:
    import json

    names = set()
    for path in sorted(GOLD.glob("*.json")):
        for p in json.loads(path.read_text(encoding="utf-8"))["persons"]:
            if 2 <= len(p["name"]) <= 3:
                names.add(p["name"])
    return sorted(names, key=lambda n: (-len(n), n))


@cache
def _counties() -> tuple[list[str], list[str]]:
    from newsgraph.lexicons.gazetteer import Gazetteer

    gaz = Gazetteer.load()
    counties = sorted(d.name for d in gaz if d.level == "county" and d.name.endswith("县"))
    shanxi = [c for c in counties if c in ("阳高县", "天镇县", "广灵县", "灵丘县", "浑源县",
                                           "左云县")]
    return counties, shanxi


def _new_name(rng: random.Random, surnames: list[str]) -> str:
    return rng.choice(surnames) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def page(i: int, seed: int = 2024) -> str:
    """Synthetic page number ``i`` (the same ``i`` and ``seed`` give the same text)."""
    from newsgraph.lexicons import words

    rng = random.Random(seed * 1_000_003 + i)
    surnames = [s for s in words("surnames") if len(s) == 1][:200]
    arts = rng.sample(_articles(), k=min(len(_articles()), rng.randint(4, 10)))
    text = "\n\n".join(arts)
    mapping = {n: _new_name(rng, surnames) for n in _people()}
    pattern = re.compile("|".join(map(re.escape, mapping)))
    text = pattern.sub(lambda m: mapping[m.group()], text)
    counties, home = _counties()
    moves = {c: rng.choice(counties) for c in home}
    text = re.sub("|".join(home), lambda m: moves[m.group()], text)
    month_shift = rng.randint(0, 11)
    day_shift = rng.randint(0, 20)

    def shift(m: re.Match) -> str:
        month = (int(m.group(1)) - 1 + month_shift) % 12 + 1
        day = (int(m.group(2)) - 1 + day_shift) % 28 + 1
        return f"{month}月{day}日"

    return re.sub(r"(\d{1,2})月(\d{1,2})日", shift, text)


def pages(n: int, seed: int = 2024) -> Iterator[tuple[str, str]]:
    for i in range(n):
        yield f"synth_{i:06d}.txt", page(i, seed)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("-o", "--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=2024)
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in pages(args.n, args.seed):
        (args.out / name).write_text(text, encoding="utf-8")
    print(f"wrote {args.n} pages to {args.out}")


if __name__ == "__main__":
    main()
