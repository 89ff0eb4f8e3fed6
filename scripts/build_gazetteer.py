"""Build ``src/newsgraph/lexicons/gazetteer.tsv`` from maintained libraries' data.

Sources (read from the packages installed in the running interpreter, never fetched):

* jionlp ``dictionary/china_location.txt`` (shipped zipped as ``china_location.zip`` and
  unpacked by jionlp on first use): a tab-indented tree
  ``province / city / county / township / village``. Province, city and county lines carry
  ``name <TAB> 6-digit code <TAB> short form`` (a city may list several short forms as
  ``a/b``); township and village lines carry the name only.
* jionlp ``dictionary/china_location_change.txt``: dated renames
  ``date dept prov prov_short city city_short county county_short=>prov city county``
  (city-level records omit the county). Old names become aliases of the new unit.
* cpca ``resources/adcodes.csv``: ``adcode`` (12 digits), ``name``, ``longitude``,
  ``latitude``, extracted by cpca from Vonng/adcode (2016 NBS baseline). Those centres
  come from Amap and are GCJ-02; mainland points are converted to WGS84 here.

Output columns: ``code name short level parent_code lat lon coord_from aliases``.
Run: ``python scripts/build_gazetteer.py`` (from the repository root or anywhere).
"""

from __future__ import annotations

import csv
import importlib.util
import math
import re
import sys
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "newsgraph" / "lexicons" / "gazetteer.tsv"
COLUMNS = ("code", "name", "short", "level", "parent_code", "lat", "lon", "coord_from", "aliases")
LEVELS = ("province", "city", "county", "township")
RANK = {lvl: i for i, lvl in enumerate(LEVELS)}
# Outside the mainland, Amap does not apply the GCJ-02 offset.
NO_GCJ_PREFIXES = ("71", "81", "82")
SHORT_SUFFIX = re.compile(r"^(?P<stem>.{2,}?)(?:区|县|市|旗)$")
VIRTUAL = re.compile(r"直辖(?:县级)?行政区划$")


def log(msg: str) -> None:
    print(msg, file=sys.stderr)


# --------------------------------------------------------------------------- sources


def package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)  # locates without importing (no side effects)
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit(f"package {name!r} is not installed in {sys.executable}")
    return Path(next(iter(spec.submodule_search_locations)))


def read_jionlp_dictionary(stem: str) -> str:
    """Text of ``jionlp/dictionary/<stem>.txt``, unpacked or straight from the .zip."""
    base = package_dir("jionlp") / "dictionary"
    txt = base / f"{stem}.txt"
    if txt.exists():
        data = txt.read_bytes()
    else:
        with zipfile.ZipFile(base / f"{stem}.zip") as zf:
            data = zf.read(f"{stem}.txt")
    return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def read_cpca_nations() -> list[str]:
    """Names of China's ethnic groups (汉族, 回族, 蒙古族 …) from cpca's 56_nations.csv."""
    path = package_dir("cpca") / "resources" / "56_nations.csv"
    names = {line.strip() for line in path.read_text(encoding="utf-8").splitlines()}
    return sorted((n for n in names if n.endswith("族")), key=lambda n: (-len(n), n))


def town_suffix_pattern(nations: list[str]) -> re.Pattern[str]:
    """镇, 乡, 街道, 苏木, 地区 (Beijing's 地区办事处), optionally after ethnic names
    (大河回族乡 -> 大河, 清水土家族自治乡 -> 清水, 巴彦鄂温克民族乡 -> 巴彦)."""
    ethnic = "|".join(map(re.escape, nations))
    bare = "|".join(re.escape(n[:-1]) for n in nations if len(n) > 2)  # 鄂温克民族乡
    ethnic_part = rf"(?:(?:{ethnic})+(?:自治)?|(?:{bare})+民族)"
    return re.compile(rf"^(?P<stem>.{{2,}}?){ethnic_part}?(?:街道|镇|乡|苏木|地区)$")


def read_cpca_coordinates() -> dict[str, tuple[str, float, float]]:
    """6-digit code -> (cpca name, lon, lat) in the file's datum (GCJ-02)."""
    path = package_dir("cpca") / "resources" / "adcodes.csv"
    out: dict[str, tuple[str, float, float]] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for rec in csv.DictReader(fh):
            code = rec["adcode"].strip()
            if len(code) != 12 or code[6:] != "000000":
                continue
            lon, lat = rec["longitude"].strip(), rec["latitude"].strip()
            if lon and lat:
                out[code[:6]] = (rec["name"].strip(), float(lon), float(lat))
    return out


# --------------------------------------------------------------------------- GCJ-02


_A = 6378245.0
_EE = 0.00669342162296594323


def _dlat(x: float, y: float) -> float:
    r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    r += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return r


def _dlon(x: float, y: float) -> float:
    r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    r += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    r += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    r += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return r


def wgs84_to_gcj02(lon: float, lat: float) -> tuple[float, float]:
    dlat = _dlat(lon - 105.0, lat - 35.0)
    dlon = _dlon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radlat) ** 2
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrtmagic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float) -> tuple[float, float]:
    """Invert the GCJ-02 obfuscation by fixed-point iteration (error well below 1e-6 deg)."""
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        wlon, wlat = wlon - dlon, wlat - dlat
        if abs(dlon) < 1e-9 and abs(dlat) < 1e-9:
            break
    return wlon, wlat


# --------------------------------------------------------------------------- tree


@dataclass(eq=False)
class Unit:
    name: str
    level: str
    code: str = ""
    shorts: list[str] = field(default_factory=list)
    parent: Unit | None = None
    children: list[Unit] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    short: str = ""
    lat: float | None = None
    lon: float | None = None
    coord_from: str = ""
    virtual: bool = False

    def path(self) -> str:
        names = []
        node: Unit | None = self
        while node is not None:
            names.append(node.name)
            node = node.parent
        return "/".join(reversed(names))


def parse_tree(text: str) -> list[Unit]:
    provinces: list[Unit] = []
    stack: list[Unit | None] = [None] * 4
    odd = 0
    for raw in text.split("\n"):
        if not raw.strip():
            continue
        depth = len(raw) - len(raw.lstrip("\t"))
        if depth > 3:  # villages / communities: skipped (≈660k rows)
            continue
        fields = [f.strip() for f in raw.strip().split("\t")]
        name = fields[0]
        unit = Unit(name=name, level=LEVELS[depth])
        if len(fields) >= 2 and re.fullmatch(r"\d{6}", fields[1]):
            unit.code = fields[1]
        if len(fields) >= 3 and fields[2]:
            unit.shorts = [s.strip() for s in fields[2].split("/") if s.strip()]
        if depth < 3 and not unit.code:
            odd += 1
        if depth == 0:
            provinces.append(unit)
        else:
            parent = stack[depth - 1]
            if parent is None:
                log(f"orphan line skipped: {raw!r}")
                continue
            unit.parent = parent
            parent.children.append(unit)
        stack[depth] = unit
        for d in range(depth + 1, 4):
            stack[d] = None
    log(f"jionlp: {odd} province/city/county lines without a code")
    return provinces


def walk(units: list[Unit]):
    for u in units:
        yield u
        yield from walk(u.children)


def reparent(child: Unit, new_parent: Unit) -> None:
    if child.parent is not None and child in child.parent.children:
        child.parent.children.remove(child)
    child.parent = new_parent
    new_parent.children.append(child)


def remove(unit: Unit) -> None:
    if unit.parent is not None:
        unit.parent.children.remove(unit)
    unit.parent = None


def flatten_virtual(provinces: list[Unit]) -> None:
    """Drop grouping-only nodes and hang their children on the grandparent.

    * municipality / SAR "city" rows that repeat the province code (北京市/北京市, 香港/香港);
    * 省直辖行政区划 / 自治区直辖县级行政区划 pseudo-cities (济源, 仙桃, 石河子, Taiwan's
      基隆/新竹 …);
    * 市直辖行政区划 pseudo-counties of cities without counties (东莞, 中山, 嘉峪关, 儋州).
    """
    for prov in provinces:
        for city in list(prov.children):
            if city.code == prov.code or VIRTUAL.search(city.name):
                for child in list(city.children):
                    reparent(child, prov)
                remove(city)
        for unit in list(walk([prov])):
            if unit.level == "county" and VIRTUAL.search(unit.name) and unit.parent is not None:
                for child in list(unit.children):
                    reparent(child, unit.parent)
                remove(unit)


def dedupe_children(provinces: list[Unit]) -> None:
    for unit in list(walk(provinces)):
        seen: dict[tuple[str, str], Unit] = {}
        for child in list(unit.children):
            key = (child.level, child.name)
            if key in seen and (not child.code or child.code == seen[key].code):
                log(f"duplicate entry merged: {child.path()}")
                merge_into(child, seen[key])
            else:
                seen[key] = child


def merge_into(old: Unit, new: Unit) -> None:
    """Move old's children and names onto new, then drop old."""
    existing = {(c.level, c.name): c for c in new.children}
    for child in list(old.children):
        twin = existing.get((child.level, child.name))
        if twin is not None:
            merge_into(child, twin)
        else:
            reparent(child, new)
    for extra in [old.name, *old.shorts, *old.aliases]:
        if extra not in new.aliases:
            new.aliases.append(extra)
    remove(old)


# --------------------------------------------------------------------------- renames


@dataclass(frozen=True)
class Rename:
    date: str
    old: tuple[str, ...]  # (province, city[, county]) full names
    old_short: str  # short form of the renamed unit
    new: tuple[str, ...]


def parse_renames(text: str) -> list[Rename]:
    out = []
    for line in text.split("\n"):
        if "=>" not in line:
            continue
        left, right = line.split("=>", 1)
        lf = [f.strip() for f in left.split("\t")]
        rf = [f.strip() for f in right.split("\t")]
        if len(lf) == 8 and len(rf) == 3:
            out.append(Rename(lf[0], (lf[2], lf[4], lf[6]), lf[7], tuple(rf)))
        elif len(lf) == 6 and len(rf) == 2:
            out.append(Rename(lf[0], (lf[2], lf[4]), lf[5], tuple(rf)))
        else:
            log(f"unparsed rename line: {line!r}")
    return sorted(set(out), key=lambda r: (r.date, r.old, r.new))


def find(provinces: list[Unit], path: tuple[str, ...]) -> Unit | None:
    """Locate (province, city[, county]) by full names, tolerating flattened cities."""
    prov = next((p for p in provinces if p.name == path[0]), None)
    if prov is None:
        return None
    if len(path) == 2:
        return next((c for c in prov.children if c.level == "city" and c.name == path[1]), None)
    city = next((c for c in prov.children if c.level == "city" and c.name == path[1]), None)
    pools = [city.children] if city is not None else []
    pools.append(prov.children)  # municipality districts, 省直辖 counties
    for pool in pools:
        hit = next((u for u in pool if u.level == "county" and u.name == path[2]), None)
        if hit is not None:
            return hit
    # the change list abbreviates names (三江县 for 三江侗族自治县) and is sometimes a step
    # behind (玉环县 => 玉环区, the tree has 玉环市): fall back to a unique short-form match
    m = SHORT_SUFFIX.match(path[2])
    if m is None:
        return None
    for pool in pools:
        hits = [u for u in pool if u.level == "county" and m.group("stem") in u.shorts]
        if len(hits) == 1:
            return hits[0]
    return None


def apply_renames(provinces: list[Unit], renames: list[Rename]) -> Counter:
    stats: Counter = Counter()
    forward = {r.old: r.new for r in renames}
    for r in renames:
        target_path = r.new
        seen = {r.old}
        while find(provinces, target_path) is None and target_path in forward:
            if target_path in seen:
                break
            seen.add(target_path)
            target_path = forward[target_path]  # A→B then B→C: alias A onto C
        new = find(provinces, target_path)
        old = find(provinces, r.old)
        if old is None and len(r.old) == 3:
            # renamed in place? look for the old name under the new city
            old = find(provinces, (*r.new[:2], r.old[2]))
        old_names = [r.old[-1]] + ([r.old_short] if r.old_short else [])
        if new is not None and old is not None and old is not new:
            merge_into(old, new)  # jionlp kept both the stale and the new row
            stats["stale row merged into new unit"] += 1
            log(f"rename {r.date}: stale {old.name} merged into {new.path()}")
        elif old is not None and (
            new is None or (new is old and old.name == r.old[-1] != target_path[-1])
        ):
            # the tree still has the old unit only: give it the new name
            old.aliases.extend(n for n in [old.name, *old.shorts] if n not in old.aliases)
            old.name = target_path[-1]
            old.shorts = []
            stats["applied in place (old code kept)"] += 1
            log(f"rename {r.date}: {r.old[-1]} renamed in place to {old.path()} ({old.code})")
        elif new is not None:
            new.aliases.extend(n for n in old_names if n not in new.aliases)
            stats["old name added as alias"] += 1
        else:
            stats["neither old nor new unit found"] += 1
            log(f"rename {r.date}: neither {'/'.join(r.old)} nor {'/'.join(r.new)} found")
    return stats


# --------------------------------------------------------------------------- codes


def assign_codes(units: list[Unit]) -> Counter:
    """Give every unit a unique code; synthetic ones are ``<parent code>-<name>``."""
    stats: Counter = Counter()
    used: dict[str, Unit] = {}
    # deterministic order: real codes first, by (code, name)
    ordered = sorted(units, key=lambda u: (RANK[u.level], u.code or "~", u.name))
    for u in ordered:
        parent_code = u.parent.code if u.parent is not None else ""
        if u.level == "township":
            u.code = f"{parent_code}-{u.name}"
            stats["township synthetic"] += 1
        elif not u.code or (u.parent is not None and u.code == u.parent.code):
            u.code = f"{parent_code}-{u.name}"
            stats[f"{u.level} synthetic (no own code)"] += 1
        elif u.code in used:
            log(f"code {u.code} used by both {used[u.code].path()} and {u.path()}")
            u.code = f"{parent_code}-{u.name}"
            stats[f"{u.level} synthetic (duplicate code)"] += 1
        if u.code in used:
            raise SystemExit(f"cannot make a unique code for {u.path()}")
        used[u.code] = u
    return stats


# --------------------------------------------------------------------------- names


def choose_shorts(units: list[Unit], town_suffix: re.Pattern[str]) -> Counter:
    stats: Counter = Counter()
    full_names = Counter(u.name for u in units)
    admin = [u for u in units if u.level != "township"]
    admin_names = Counter(u.name for u in admin)
    shared = Counter(s for u in admin for s in set(u.shorts))

    def ok(u: Unit, s: str) -> bool:
        if len(s) < 2 or s == u.name:
            return False
        if admin_names[s]:  # 新城区 as a short of a development zone
            stats["short dropped: full name of another unit"] += 1
            return False
        if s in ancestor_forms(u):  # 长沙县 -> 长沙 would shadow 长沙市 (朝阳区 -> 朝阳 is fine)
            stats["short dropped: shadows an ancestor"] += 1
            return False
        if shared[s] > 1 and u.level == "county" and u.code[4:5] == "7":
            stats["short dropped: generic zone label"] += 1  # 经开区, 高新区, 管理区
            return False
        return True

    for u in admin:
        shorts = u.shorts or derived_short(u)
        good = [s for s in shorts if ok(u, s)]
        u.short = good[0] if good else ""
        u.aliases.extend(s for s in good[1:] if s not in u.aliases)

    # townships: only derived stems that are ≥2 chars and unique nationwide
    all_admin_forms = set().union(*(set([u.name, u.short, *u.aliases]) for u in admin))
    towns = [u for u in units if u.level == "township"]
    stems = {
        u: m.group("stem")
        for u in towns
        if (m := town_suffix.match(u.name)) and not m.group("stem").endswith("族")
    }
    stem_count = Counter(stems.values())
    for u, stem in stems.items():
        if stem_count[stem] > 1:
            stats["township stem dropped: shared"] += 1
        elif full_names[stem] or stem in all_admin_forms:
            stats["township stem dropped: collides with a name"] += 1
        else:
            u.short = stem
            stats["township short kept"] += 1
    return stats


def ancestor_forms(u: Unit) -> set[str]:
    forms: set[str] = set()
    node = u.parent
    while node is not None:
        forms.update([node.name, *node.shorts])
        node = node.parent
    return forms


def derived_short(u: Unit) -> list[str]:
    m = SHORT_SUFFIX.match(u.name)
    return [m.group("stem")] if m else []


def clean_aliases(units: list[Unit]) -> Counter:
    """Keep aliases that add a surface form and do not name another current unit."""
    stats: Counter = Counter()
    current = Counter()
    for u in units:
        current[u.name] += 1
        if u.short:
            current[u.short] += 1
    for u in units:
        kept = []
        for a in u.aliases:
            if len(a) < 2 or a in (u.name, u.short) or a in kept:
                continue
            if current[a]:
                stats["alias dropped: current name/short of another unit"] += 1
                log(f"alias {a!r} of {u.path()} dropped: it names a current unit")
                continue
            kept.append(a)
        u.aliases = kept
    return stats


# --------------------------------------------------------------------------- coordinates


def join_coordinates(units: list[Unit], coords: dict[str, tuple[str, float, float]]) -> Counter:
    stats: Counter = Counter()
    for u in units:
        rec = coords.get(u.code) if len(u.code) == 6 else None
        if rec is None:
            continue
        cname, lon, lat = rec
        if not u.code.startswith(NO_GCJ_PREFIXES):
            lon, lat = gcj02_to_wgs84(lon, lat)
        u.lon, u.lat, u.coord_from = lon, lat, "self"
        if cname != u.name and cname not in u.aliases:
            stats["joined on code, name differs"] += 1
            log(f"coord join {u.code}: jionlp {u.name} / cpca {cname}")
    for u in sorted(units, key=lambda x: RANK[x.level]):  # parents before children
        if u.coord_from:
            continue
        node = u.parent
        while node is not None and not node.coord_from:
            node = node.parent
        if node is not None:
            u.lon, u.lat, u.coord_from = node.lon, node.lat, "parent"
    for u in units:
        stats[f"{u.level}: coord_from={u.coord_from or 'none'}"] += 1
    return stats


# --------------------------------------------------------------------------- output


def fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.4f}"


def write_tsv(units: list[Unit], path: Path) -> None:
    rows = []
    for u in units:
        rows.append(
            (
                u.code,
                u.name,
                u.short,
                u.level,
                u.parent.code if u.parent is not None else "",
                fmt(u.lat),
                fmt(u.lon),
                u.coord_from,
                "|".join(sorted(u.aliases)),
            )
        )
    rows.sort(key=lambda r: (r[0], r[1]))
    for row in rows:
        for cell in row:
            if "\t" in cell or "\n" in cell:
                raise SystemExit(f"bad cell in {row!r}")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(COLUMNS) + "\n")
        for row in rows:
            fh.write("\t".join(row) + "\n")


def main() -> int:
    provinces = parse_tree(read_jionlp_dictionary("china_location"))
    flatten_virtual(provinces)
    dedupe_children(provinces)
    renames = parse_renames(read_jionlp_dictionary("china_location_change"))
    rename_stats = apply_renames(provinces, renames)
    units = list(walk(provinces))
    code_stats = assign_codes(units)
    name_stats = choose_shorts(units, town_suffix_pattern(read_cpca_nations()))
    alias_stats = clean_aliases(units)
    coord_stats = join_coordinates(units, read_cpca_coordinates())
    write_tsv(units, OUT)

    levels = Counter(u.level for u in units)
    print(f"wrote {OUT.relative_to(REPO)}: {len(units)} rows, {OUT.stat().st_size:,} bytes")
    for lvl in LEVELS:
        print(f"  {lvl:9s} {levels[lvl]:6d}")
    with_coords = sum(1 for u in units if u.coord_from)
    print(
        f"  rows with coordinates: {with_coords} "
        f"(self {sum(u.coord_from == 'self' for u in units)}, "
        f"parent {sum(u.coord_from == 'parent' for u in units)})"
    )
    print(
        f"  rows with aliases: {sum(bool(u.aliases) for u in units)}, "
        f"with short: {sum(bool(u.short) for u in units)}"
    )
    print(f"  renames read: {len(renames)}")
    for title, stats in (
        ("renames", rename_stats),
        ("codes", code_stats),
        ("names", name_stats),
        ("aliases", alias_stats),
        ("coordinates", coord_stats),
    ):
        for key, n in sorted(stats.items()):
            print(f"  {title}: {key}: {n}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
