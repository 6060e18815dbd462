using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Registry.Abstractions.Divisions;
using Registry.Abstractions.Tests;
using Registry.Api.Tests.Offices;
using Registry.Api.Tests.Spatial;

namespace Registry.Api.Tests.Boundaries;

/// <summary>
/// A boundary registrar acts for lines touching their division, and signs a joint inspection only for their own
/// side: every boundary write on an imported province line by a registrar of one of its provinces, of the national
/// office above it, of a third province and without the claim. Bulk imports are national.
/// </summary>
[Collection(ImportCollection.Name)]
public sealed class BoundaryJurisdictionTests(ImportFixture fixture)
{
    private const string Role = "registrar.boundaries";
    private static readonly SemaphoreSlim Once = new(1, 1);
    private static Target? target;

    private RegistryApiFactory Api => fixture.Factory;

    private sealed record Target(string Line, string SideA, string SideB, string Outsider, string Marker,
        string Inspection);

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var operation in new[]
                 {
                     "geometry", "record-line", "update-line", "open-inspection", "findings", "signatures", "repairs",
                     "register-marker", "update-marker", "import",
                 })
        {
            foreach (var @case in OfficeMatrix.Cases)
            {
                data.Add(operation, @case);
            }
        }

        return data;
    }

    /// <summary>The China province lines and junction markers imported (idempotent), a line with markers and an open
    /// inspection of it.</summary>
    private async Task<Target> TargetAsync()
    {
        await Once.WaitAsync();
        try
        {
            return target ??= await ImportAsync();
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<Target> ImportAsync()
    {
        var national = Api.ClientWithRoles(Role);
        foreach (var (query, file) in new[]
                 {
                     ("kind=lines&agreement=省级行政区域界线协议书&reason=cn-atlas%202023", "cn/province-boundary-lines.geojson"),
                     ("kind=junctions&reason=cn-atlas%202023", "cn/province-junction-points.geojson"),
                 })
        {
            var response = await national.PostAsync($"/api/boundaries/imports?wait=true&{query}",
                new ByteArrayContent(await File.ReadAllBytesAsync(SharedData.PathOf(file)))
                {
                    Headers = { ContentType = new("application/geo+json") },
                });
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }

        var overdue = JsonDocument.Parse(await national.GetStringAsync("/api/boundaries/inspections/overdue?limit=1000"))
            .RootElement.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("line").GetString()!);
        foreach (var line in overdue)
        {
            var markers = JsonDocument.Parse(await national.GetStringAsync($"/api/boundaries/lines/{line}/markers"))
                .RootElement.GetProperty("features");
            if (markers.GetArrayLength() == 0)
            {
                continue;
            }

            var properties = JsonDocument.Parse(await national.GetStringAsync($"/api/boundaries/lines/{line}"))
                .RootElement.GetProperty("properties");
            var (a, b) = (properties.GetProperty("divisionA").GetString()!, properties.GetProperty("divisionB").GetString()!);
            var outsider = ShippedGeometry.Provinces.First(p => p.Registered && p.Code != a && p.Code != b).Code;
            var opened = await national.PostAsJsonAsync($"/api/boundaries/lines/{line}/inspections",
                new { year = Api.Today.Year, reason = "jurisdiction matrix" });
            var body = await opened.Content.ReadAsStringAsync();
            if (opened.StatusCode == HttpStatusCode.Conflict && body.Contains("\"inspection-already-open\"", StringComparison.Ordinal))
            {
                continue; // another test of the collection inspects this line this year
            }

            Assert.True(opened.StatusCode == HttpStatusCode.Created, body);
            return new Target(line, a, b, outsider, markers[0].GetProperty("id").GetString()!,
                JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!);
        }

        throw new InvalidOperationException("No imported line has markers.");
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Write_ByOwnAboveOtherOfficeOrNoClaim_OnlyOfficesTouchingTheLineAct(string operation, string @case)
    {
        var t = await TargetAsync();
        var caller = Api.ClientAt(@case switch
        {
            "own" => t.SideA,
            "above" => Jurisdiction.NationalOffice,
            "other" => t.Outsider,
            _ => null,
        }, Role);
        var empty = new Dictionary<string, object?>();

        // Bodies that stop at the handler's own checks (400) once the office may act, so the shared line and
        // inspection stay as they are for the other rows.
        var response = operation switch
        {
            "geometry" => await caller.PutAsJsonAsync($"/api/boundaries/divisions/{t.SideA}/geometry", empty),
            "record-line" => await caller.PostAsJsonAsync("/api/boundaries/lines",
                new { divisionA = t.SideA, divisionB = t.SideB }),
            "update-line" => await caller.PutAsJsonAsync($"/api/boundaries/lines/{t.Line}",
                new { geometry = "not geometry" }),
            "open-inspection" => await caller.PostAsJsonAsync($"/api/boundaries/lines/{t.Line}/inspections", empty),
            "findings" => await caller.PostAsJsonAsync($"/api/boundaries/inspections/{t.Inspection}/findings", empty),
            "signatures" => await caller.PostAsJsonAsync($"/api/boundaries/inspections/{t.Inspection}/signatures",
                new { side = t.SideA }),
            "repairs" => await caller.PostAsJsonAsync($"/api/boundaries/inspections/{t.Inspection}/repairs", empty),
            "register-marker" => await caller.PostAsJsonAsync("/api/boundaries/markers",
                new { number = t.Line + "999Q", type = "single" }),
            "update-marker" => await caller.PutAsJsonAsync($"/api/boundaries/markers/{t.Marker}",
                new { material = "混凝土" }), // no reason: 400
            _ => await caller.PostAsync("/api/boundaries/imports?kind=lines&agreement=x&reason=t",
                new StringContent("""{"type": "FeatureCollection", "features": []}""", Encoding.UTF8,
                    "application/geo+json")),
        };

        if (operation == "import" && @case == "own")
        {
            await OfficeMatrix.AssertOutsideAsync(response); // a province does not import for the country
        }
        else
        {
            await OfficeMatrix.AssertWithinAsync(@case, response, $"{operation} by {@case}");
        }
    }

    [Fact]
    public async Task Signature_ForTheOtherSide_IsRefusedAndForTheOwnSideReachesTheInspection()
    {
        var t = await TargetAsync();

        await OfficeMatrix.AssertOutsideAsync(await Api.ClientAt(t.SideB, Role).PostAsJsonAsync(
            $"/api/boundaries/inspections/{t.Inspection}/signatures", new { side = t.SideA, signatory = "李四" }));

        var inspection = JsonDocument.Parse(await Api.ClientWithRoles("gis")
            .GetStringAsync($"/api/boundaries/inspections/{t.Inspection}")).RootElement;
        Assert.Equal(0, inspection.GetProperty("signatures").GetArrayLength());
    }

    [Fact]
    public async Task Line_ByAPrefectureUnderOneSide_IsRefused()
    {
        var t = await TargetAsync();
        var prefecture = JsonDocument.Parse(await Api.ClientWithRoles().GetStringAsync($"/api/divisions/{t.SideA}/children"))
            .RootElement.EnumerateArray().First().GetProperty("code").GetString()!;

        await OfficeMatrix.AssertOutsideAsync(await Api.ClientAt(prefecture, Role).PostAsJsonAsync(
            $"/api/boundaries/lines/{t.Line}/inspections", new { year = Api.Today.Year, reason = "t" }));
    }
}
