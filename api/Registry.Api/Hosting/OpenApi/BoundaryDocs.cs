using Registry.Abstractions.Boundaries;
using Registry.Api.Contracts.Boundaries;
using static Registry.Api.Hosting.OpenApi.ResourceDocs;

namespace Registry.Api.Hosting.OpenApi;

/// <summary>Boundary records (<c>/api/boundaries</c>): division geometry, lines, markers, inspections, imports.</summary>
internal static class BoundaryDocs
{
    private static readonly string[] GeometryRules =
        ["geometry-malformed", "geometry-type", "geometry-empty", "geometry-invalid", "geometry-too-complex",
            "coordinate-not-finite", "coordinate-out-of-range", "coordinates-swapped", "geometry-crosses-antimeridian"];

    private static readonly string[] LineGeometryRules =
        ["boundary-line-not-simple", "boundary-line-divisions-not-adjacent", "boundary-line-off-common-boundary"];

    /// <summary>The GB/T 17796 line number of two provinces: their two-digit codes, the smaller first.</summary>
    private static string LineNumber(ExampleValues x) =>
        string.CompareOrdinal(x.Province, x.NeighbourProvince) < 0
            ? x.Province[..2] + x.NeighbourProvince[..2]
            : x.NeighbourProvince[..2] + x.Province[..2];

    private static string MarkerNumber(ExampleValues x) => LineNumber(x) + "001Q";

    public static ResourceDocs Table { get; } = new()
    {
        Operations = new Dictionary<string, OperationDoc>
        {
            ["GetDivisionGeometry"] = Op(
                "The geometry of a division (or reference area) in force on a date, as a GeoJSON Feature with its " +
                "area (m², on the authalic sphere) and perimeter (m, on the WGS84 ellipsoid). Public.",
                "division-ref-format", "date-format", "division-geometry-not-found"),
            ["GetDivisionGeometryVersions"] = Op(
                "Every recorded geometry version of a division, oldest first, with effective dates and reasons.",
                "division-ref-format", "division-geometry-not-found"),
            ["SetDivisionGeometry"] = Op(
                "Records a division's geometry from an effective date: a later date adds a version, the same date " +
                "corrects it, an earlier one is refused. Keys are registry division codes (the division must be " +
                "recorded and in force) or reference areas `scheme:id`, which also need their name and level.",
                [.. GeometryRules, "division-ref-format", "date-format", "division-unknown", "division-not-in-force",
                    "division-level", "reference-area-level-required", "geometry-change-order", "text-invalid"]),
            ["RecordLine"] = Op(
                "Records the boundary line between two divisions of the same level (GB/T 17796 number from their " +
                "codes), with the agreement (界线协议书) it follows. The line must be simple (no self-crossing) and, " +
                "where both divisions have geometry in force on the agreement date, lie within 1 km of their common " +
                "boundary for at least 90 % of its length; the two divisions must touch.",
                [.. GeometryRules, .. LineGeometryRules, "division-ref-format", "date-format", "division-unknown",
                    "boundary-line-sides", "boundary-line-exists", "text-invalid"]),
            ["GetLine"] = Op("A boundary line with its length in metres, as a GeoJSON Feature. Public.",
                "boundary-line-number", "boundary-line-not-found"),
            ["UpdateLine"] = Op("Changes a line's geometry or agreement; its markers stay where they are. A new " +
                "geometry meets the same rules as when the line is recorded.",
                [.. GeometryRules, .. LineGeometryRules, "boundary-line-number", "date-format", "boundary-line-not-found", "text-invalid"]),
            ["GetLineMarkers"] = Op("The markers of a line with their surveyed positions, as a GeoJSON " +
                "FeatureCollection.", "boundary-line-number", "boundary-line-not-found"),
            ["OpenInspection"] = Op("Opens the joint inspection (联合检查) of a line for a year, on `openedOn` " +
                "(default today; an inspection entered from the archive gives its real date, in its year or the " +
                "next, never in the future).",
                "boundary-line-number", "boundary-line-not-found", "inspection-year", "inspection-already-open",
                "inspection-exists", "inspection-date-future", "inspection-date-order", "date-format"),
            ["GetOverdueInspections"] = Op("Lines whose last completed joint inspection is older than the given " +
                "number of years (default 5), and with includeNeverInspected the lines never inspected; by line " +
                "number, paged (`limit`, `page`), and with `division` only lines with a side that is that division " +
                "or lies below it.",
                "years-range", "boolean-format", "division-code-format", "paging-range"),
            ["GetOpenRepairs"] = Op("Marker repairs found by completed inspections and not yet done, oldest first."),
            ["GetInspection"] = Op("A joint inspection with its findings, signatures and repairs.",
                "inspection-not-found"),
            ["RecordFinding"] = Op("Records what was found at a marker of the line: intact, damaged, displaced " +
                "(with the surveyed position; the displacement is computed in metres) or lost.",
                "inspection-not-found", "inspection-marker-unknown", "finding-kind", "finding-position-required",
                "finding-position-unexpected", "surveyed", "inspection-signed", "inspection-completed"),
            ["SignInspection"] = Op("One side of the line signs the inspection on `signedOn` (default today; not " +
                "before the opening, never in the future); the second side's signature completes it on the later " +
                "signature's date (every marker must have a finding).", "inspection-not-found",
                "inspection-date-future", "inspection-date-order", "date-format",
                "inspection-side-not-party", "inspection-already-signed", "inspection-findings-incomplete",
                "inspection-completed"),
            ["CompleteRepair"] = Op("Marks the repair of a marker found damaged, displaced or lost as done.",
                "inspection-not-found", "inspection-not-completed", "repair-not-found", "repair-already-done",
                "repair-date", "date-format"),
            ["RegisterMarker"] = Op("Registers a boundary marker: GB/T 17796 number (line, 3-digit serial, type " +
                "code Q single, A/B pair, C/D/E triple), type, and a position within 500 m of its line; a marker " +
                "is never moved.", "marker-number-format", "marker-type", "marker-type-code", "marker-type-mismatch",
                "location", "boundary-line-unknown", "marker-far-from-line", "marker-exists", "text-invalid"),
            ["GetMarker"] = Op("A boundary marker with its surveyed position, as a GeoJSON Feature.",
                "marker-number-format", "marker-not-found"),
            ["UpdateMarker"] = Op("Changes a marker's material, landmarks or photos. A marker is never moved: a " +
                "`location` other than the registered position is refused (record a displaced marker in a joint " +
                "inspection instead); the same position is accepted.",
                [.. GeometryRules, "marker-number-format", "marker-not-found", "marker-position-fixed",
                    "list-invalid", "text-invalid"]),
            ["StartImport"] = Op(
                "Imports a GeoJSON FeatureCollection (body, `application/geo+json`). Query: `kind` (divisions, " +
                "lines, junctions, markers; required), `reason` (required), `scheme` (reference areas, e.g. " +
                "us-fips), `layer` (division level of reference areas), `codeProperty` (the property holding the " +
                "division code), `agreement` (required for lines), `effectiveDate`, `agreementDate`, `wait` (true: " +
                "answer with the final report instead of 202 and the job). Re-running an import stores nothing " +
                "new; every rejected feature is reported with its rule.",
                "import-kind", "geojson-malformed", "list-invalid", "division-level", "date-format",
                "boolean-format", "format-unsupported"),
            ["GetImport"] = Op("An import job: progress, then the report of every rejected feature with its rule.",
                "import-not-found"),
        },
        Parameters = new Dictionary<string, string>
        {
            ["GetDivisionGeometry:code"] = "A registry division code (e.g. 110000) or a reference area `scheme:id`.",
            ["GetDivisionGeometryVersions:code"] = "A registry division code or a reference area `scheme:id`.",
            ["SetDivisionGeometry:code"] = "A registry division code or a reference area `scheme:id` (e.g. us-fips:06037).",
            ["GetDivisionGeometry:asOf"] = "The date (YYYY-MM-DD) whose version is answered; default today.",
            ["number"] = "A boundary line number (GB/T 17796: e.g. 1113, the two provinces' codes, smaller first) " +
                "or, under /markers, a marker number (line number, 3-digit serial, type code, e.g. 1113001Q).",
            ["GetInspection:id"] = "The inspection id, as answered when it was opened.",
            ["RecordFinding:id"] = "The inspection id, as answered when it was opened.",
            ["SignInspection:id"] = "The inspection id, as answered when it was opened.",
            ["CompleteRepair:id"] = "The inspection id that found the damage.",
            ["GetImport:id"] = "The import job id, as answered by POST /api/boundaries/imports.",
            ["years"] = "How many years since the last completed inspection make a line overdue (1-50, default 5).",
            ["includeNeverInspected"] = "true: also list lines never inspected (default true).",
            ["GetOverdueInspections:division"] = "A division code: only lines with a side that is this division or " +
                "lies below it (e.g. 440000 for every line touching 广东 or one of its divisions).",
            ["GetOverdueInspections:limit"] = "Lines per page (1-1000, default 100).",
            ["GetOverdueInspections:page"] = "The page number, from 1.",
        },
        Requests = new Dictionary<Type, RequestDoc>
        {
            [typeof(SetDivisionGeometryRequest)] = Body(x => new SetDivisionGeometryRequest(
                    ExampleValues.GeoJsonOf(x.Area), DateOnly.Parse(ExampleValues.Date(1)),
                    "民政部关于" + x.CountyName + "界线的批复", null, null, "cn-atlas"),
                "geometry", "reason"),
            [typeof(RecordBoundaryLineRequest)] = Body(x => new RecordBoundaryLineRequest(
                    x.Province, x.NeighbourProvince, ExampleValues.GeoJsonOf(x.Line), "行政区域界线协议书",
                    DateOnly.Parse(ExampleValues.Date(-365)), "界线联合勘定", "survey"),
                "divisionA", "divisionB", "geometry", "agreement", "reason"),
            [typeof(UpdateBoundaryLineRequest)] = Body(x => new UpdateBoundaryLineRequest(
                    ExampleValues.GeoJsonOf(x.Line), "行政区域界线协议书（修订）", DateOnly.Parse(ExampleValues.Date(-30)),
                    "界线联合检查后修订"),
                "reason"),
            [typeof(OpenInspectionRequest)] = Body(_ => new OpenInspectionRequest(DateTime.UtcNow.Year,
                "五年一次联合检查"), "year", "reason"),
            [typeof(RecordFindingRequest)] = Body(x => new RecordFindingRequest(MarkerNumber(x), FindingKind.Intact,
                null, "界桩完好"), "marker", "finding"),
            [typeof(SignInspectionRequest)] = Body(x => new SignInspectionRequest(x.Province,
                x.CountyName + "民政局", null), "side", "signatory"),
            [typeof(CompleteRepairRequest)] = Body(x => new CompleteRepairRequest(MarkerNumber(x),
                DateOnly.Parse(ExampleValues.Date(0)), "界桩已重新埋设"), "marker", "completedOn", "note"),
            [typeof(RegisterMarkerRequest)] = Body(x => new RegisterMarkerRequest(MarkerNumber(x), MarkerType.Single,
                ExampleValues.GeoJsonOf(x.Line.Factory.CreatePoint(x.Line.Coordinates[0])), "花岗岩", ["路口北侧"],
                null, "界桩埋设", "survey"), "number", "type", "location", "reason"),
            [typeof(UpdateMarkerRequest)] = Body(_ => new UpdateMarkerRequest("钢筋混凝土", ["路口北侧"], null,
                "界桩更换材质"), "reason"),
        },
        RawBodies = new Dictionary<string, Func<ExampleValues, object>>
        {
            ["StartImport"] = x => new
            {
                type = "FeatureCollection",
                features = new[]
                {
                    new
                    {
                        type = "Feature",
                        properties = new Dictionary<string, string> { ["区划码"] = x.Province },
                        geometry = ExampleValues.GeoJsonOf(x.Area),
                    },
                },
            },
        },
    };
}
