#!/usr/bin/env python3
"""Cuts the subsets of ../shared/data that the tests read into tests/TestData (same relative paths).

Run from the repository root with the shared data beside it: python3 tests/TestData/extract.py [../shared/data]
Features are copied unchanged (same geometry, same properties); only whole features are left out. See README.md.
"""
import json
import os
import shutil
import sys

source = sys.argv[1] if len(sys.argv) > 1 else os.path.join("..", "shared", "data")
target = os.path.dirname(os.path.abspath(__file__))

# US states kept: Wyoming, Maryland, New Mexico, Oregon (the smallest states that have an invalid county polygon and a
# junction of three of their own counties, what the import test looks for), Texas and Georgia (enough valid counties
# for the tests that take the 100th, 200th, 300th valid one) and Montana, California, Idaho, Louisiana, Washington,
# Arkansas, South Carolina, Utah (the most valid single-polygon counties of more than 30 points, of which the grain
# tests take every 7th up to the 21st).
US_STATES = {"56", "24", "35", "41", "48", "13", "30", "06", "16", "22", "53", "05", "45", "49"}


def load(relative):
    with open(os.path.join(source, relative), encoding="utf-8") as file:
        return json.load(file)


def save(relative, collection, features):
    path = os.path.join(target, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    kept = {key: value for key, value in collection.items() if key != "features"}
    kept["features"] = features
    with open(path, "w", encoding="utf-8") as file:
        json.dump(kept, file, ensure_ascii=False, separators=(",", ":"))
    print(f"{relative}: {len(features)} of {len(collection['features'])} features")


def coordinates(geometry):
    stack = [geometry["coordinates"]]
    while stack:
        item = stack.pop()
        if item and isinstance(item[0], (int, float)):
            yield item
        else:
            stack.extend(item)


def in_states(code):
    return code is not None and code[:2] in US_STATES


counties = load("us/counties.geojson")
save("us/counties.geojson", counties, [f for f in counties["features"] if in_states(f.get("id"))])
lines = load("us/county-boundary-lines.geojson")
save("us/county-boundary-lines.geojson", lines, [
    f for f in lines["features"]
    if in_states(f["properties"].get("div_a")) and in_states(f["properties"].get("div_b"))])
junctions = load("us/county-junction-points.geojson")
save("us/county-junction-points.geojson", junctions, [
    f for f in junctions["features"] if all(in_states(code) for code in f["properties"]["adjacent"])])

# Natural Earth polygons whose edges on the antimeridian carry rounding noise beyond +-180 degrees.
world = load("world/admin1-10m.geojson")
save("world/admin1-10m.geojson", world, [
    f for f in world["features"]
    if f.get("geometry") and any(abs(c[0]) > 180 for c in coordinates(f["geometry"]))])

# Province lines and junctions of China: small enough to keep whole, copied byte for byte.
for relative in ("cn/province-boundary-lines.geojson", "cn/province-junction-points.geojson"):
    os.makedirs(os.path.join(target, "cn"), exist_ok=True)
    shutil.copyfile(os.path.join(source, relative), os.path.join(target, relative))
    print(f"{relative}: copied")
