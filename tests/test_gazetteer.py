"""The packaged gazetteer of China's administrative divisions, via its public interface."""

from __future__ import annotations

import pytest

from newsgraph.lexicons.gazetteer import Division, Gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def test_load_is_cached(gaz: Gazetteer) -> None:
    assert Gazetteer.load() is gaz


def test_short_and_full_city_name_resolve_to_the_same_division(gaz: Gazetteer) -> None:
    full = gaz.resolve("大同市")
    short = gaz.resolve("大同")
    assert full is not None and short is not None
    assert full == short
    assert full.code == "140200"
    assert full.level == "city"
    assert full.short == "大同"


@pytest.mark.parametrize("name", ["灵丘县", "灵丘"])
def test_county_with_ancestors_and_coordinates(gaz: Gazetteer, name: str) -> None:
    div = gaz.resolve(name)
    assert div is not None
    assert div.code == "140224"
    assert div.name == "灵丘县"
    assert div.level == "county"
    assert [a.name for a in gaz.ancestors(div)] == ["大同市", "山西省"]
    assert [a.level for a in gaz.ancestors(div)] == ["city", "province"]
    assert div.lat is not None and div.lon is not None
    assert abs(div.lat - 39.4) < 1.0
    assert abs(div.lon - 114.2) < 1.0
    assert div.coord_from == "self"


def test_by_code_round_trips(gaz: Gazetteer) -> None:
    div = gaz.by_code("140224")
    assert div is not None and div.name == "灵丘县"
    assert gaz.by_code("999999") is None


def test_renamed_county_keeps_old_name_as_alias(gaz: Gazetteer) -> None:
    yunzhou = gaz.resolve("云州区")
    assert yunzhou is not None
    assert yunzhou.parent_code == "140200"
    assert gaz.ancestors(yunzhou)[0].name == "大同市"
    # jionlp's rename list records 2018-02-09 大同县 => 云州区
    assert "大同县" in yunzhou.aliases
    assert gaz.resolve("大同县") == yunzhou
    # its own code is newer than cpca's coordinates: it borrows its parent's
    assert yunzhou.coord_from == "parent"
    assert (yunzhou.lat, yunzhou.lon) == (gaz.by_code("140200").lat, gaz.by_code("140200").lon)


def test_short_form_of_county(gaz: Gazetteer) -> None:
    guangling = gaz.resolve("广灵")
    assert guangling is not None
    assert guangling.name == "广灵县"
    assert gaz.ancestors(guangling)[0].code == "140200"


def test_autonomous_prefecture_under_its_province(gaz: Gazetteer) -> None:
    qdn = gaz.resolve("黔东南苗族侗族自治州")
    assert qdn is not None
    assert qdn.level == "city"
    assert qdn.short == "黔东南"
    assert [a.name for a in gaz.ancestors(qdn)] == ["贵州省"]
    assert gaz.resolve("黔东南") == qdn


def test_province_short_forms(gaz: Gazetteer) -> None:
    nmg = gaz.resolve("内蒙古")
    assert nmg is not None and nmg.name == "内蒙古自治区" and nmg.level == "province"
    assert gaz.ancestors(nmg) == []


def test_homonyms_need_context(gaz: Gazetteer) -> None:
    chaoyang = [d for d in gaz.lookup("朝阳区") if d.level == "county"]
    assert {d.parent_code for d in chaoyang} >= {"110000", "220100"}  # 北京, 长春
    assert gaz.resolve("朝阳区") is None  # same level, no context: ambiguous

    beijing = gaz.resolve("朝阳区", context_codes=["110000"])
    assert beijing is not None and beijing.code == "110105"
    changchun = gaz.resolve("朝阳区", context_codes=["220000"])  # 吉林省
    assert changchun is not None and changchun.code == "220104"

    xinhua = gaz.resolve("新华区", context_codes=["130100"])  # 石家庄市
    assert xinhua is not None
    assert gaz.ancestors(xinhua)[0].code == "130100"


def test_context_that_matches_nothing_falls_back_to_level(gaz: Gazetteer) -> None:
    # 朝阳 is 朝阳市 (a city) as well as the short form of several 朝阳区 (counties)
    assert gaz.resolve("朝阳").code == "211300"
    assert gaz.resolve("朝阳", context_codes=["440000"]).code == "211300"
    assert gaz.resolve("朝阳", context_codes=["110000"]).code == "110105"


def test_townships_hang_under_counties(gaz: Gazetteer) -> None:
    towns = [d for d in gaz.lookup("武灵镇") if d.parent_code == "140224"]
    assert len(towns) == 1
    town = towns[0]
    assert town.level == "township"
    assert town.code == "140224-武灵镇"
    assert [a.code for a in gaz.ancestors(town)] == ["140224", "140200", "140000"]
    assert town.coord_from == "parent"


def test_unknown_name(gaz: Gazetteer) -> None:
    assert gaz.lookup("不存在的地方") == []
    assert gaz.resolve("不存在的地方") is None
    assert gaz.resolve("") is None


def test_names_cover_every_surface_form(gaz: Gazetteer) -> None:
    names = set(gaz.names())
    assert {"大同", "大同市", "灵丘", "灵丘县", "大同县", "内蒙古自治区", "内蒙古"} <= names
    assert "" not in names
    for div in (gaz.by_code("140200"), gaz.by_code("520000")):
        assert isinstance(div, Division)
        assert set(div.surface_forms) <= names


def test_codes_unique_and_parents_exist(gaz: Gazetteer) -> None:
    divisions = list(gaz)
    assert len(divisions) == len({d.code for d in divisions}) == len(gaz)
    levels = {d.level for d in divisions}
    assert levels == {"province", "city", "county", "township"}
    for div in divisions:
        if div.level == "province":
            assert div.parent_code == ""
        else:
            parent = gaz.by_code(div.parent_code)
            assert parent is not None, div
            assert parent.rank < div.rank
        assert div.coord_from in {"self", "parent"}
        assert div.lat is not None and div.lon is not None
        assert 3 < div.lat < 54 and 73 < div.lon < 136


def test_from_tsv_parses_the_packaged_format() -> None:
    text = (
        "code\tname\tshort\tlevel\tparent_code\tlat\tlon\tcoord_from\taliases\n"
        "140000\t山西省\t山西\tprovince\t\t37.8\t112.5\tself\t\n"
        "140200\t大同市\t大同\tcity\t140000\t40.1\t113.3\tself\t\n"
        "140215\t云州区\t云州\tcounty\t140200\t40.1\t113.3\tparent\t大同县\n"
    )
    small = Gazetteer.from_tsv(text)
    yz = small.resolve("大同县")
    assert yz is not None and yz.aliases == ("大同县",)
    assert [a.code for a in small.ancestors(yz)] == ["140200", "140000"]
    with pytest.raises(ValueError):
        Gazetteer.from_tsv("code\tname\n")
