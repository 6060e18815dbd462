using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using Registry.Abstractions.Spatial;

namespace Registry.Abstractions.Tests.Spatial;

public sealed class BandedAreaLocatorTests
{
    [Fact]
    public void ContainsInInterior_OnVerticesEdgesAndAround_AgreesWithTheExactLocator()
    {
        var random = new Random(5);
        foreach (var geometry in SharedData.ShippedPrefectures.Select(p => p.Geometry!).Where(g => g.IsValid).Take(60))
        {
            var banded = new BandedAreaLocator(geometry);
            var exact = new IndexedPointInAreaLocator(geometry);
            var envelope = geometry.EnvelopeInternal;
            var coordinates = geometry.Coordinates;
            var points = new List<Coordinate>();
            // Every fifth vertex (on the boundary), the midpoints of the following segments (on the boundary, up to
            // rounding), and random points of the envelope (inside and outside).
            for (var i = 0; i + 1 < coordinates.Length; i += 5)
            {
                points.Add(coordinates[i]);
                points.Add(new Coordinate((coordinates[i].X + coordinates[i + 1].X) / 2,
                    (coordinates[i].Y + coordinates[i + 1].Y) / 2));
            }

            points.AddRange(Enumerable.Range(0, 200).Select(_ => new Coordinate(
                envelope.MinX + random.NextDouble() * envelope.Width,
                envelope.MinY + random.NextDouble() * envelope.Height)));

            Assert.All(points, p => Assert.Equal(exact.Locate(p) == Location.Interior, banded.ContainsInInterior(p.X, p.Y)));
            Assert.All(points, p => Assert.Equal(exact.Locate(p), banded.Locate(p.X, p.Y)));
            Assert.Contains(points, p => exact.Locate(p) == Location.Boundary);
        }
    }
}
