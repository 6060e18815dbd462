using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Registry.Grains.Indexing;

/// <summary>
/// Reads the documents of an image <see cref="IndexImageWriter"/> made, field by field in the order they were written
/// (see <see cref="IndexImage.TryRead{TDoc}"/>): straight from the bytes, each text from the table read before them,
/// so a distinct text is made once however many documents name it. A read past the end or of a malformed number
/// throws (<see cref="IndexImage.TryRead{TDoc}"/> then refuses the image). Not thread-safe.
/// </summary>
public sealed class IndexImageReader
{
    private readonly byte[] image;
    private string[] texts = [];

    internal IndexImageReader(byte[] image, int at)
    {
        this.image = image;
        At = at;
    }

    /// <summary>Where the next field starts.</summary>
    internal int At { get; set; }

    internal void UseTable(string[] table) => texts = table;

    public string? Text() => Count() is var n and > 0 ? texts[n - 1] : null;

    public int Count()
    {
        var at = At;
        var value = Read7BitEncodedInt(image, ref at);
        At = at;
        return value;
    }

    public int Int()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(image.AsSpan(At, 4));
        At += 4;
        return value;
    }

    public long Long()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(image.AsSpan(At, 8));
        At += 8;
        return value;
    }

    public double Double()
    {
        var value = BinaryPrimitives.ReadDoubleLittleEndian(image.AsSpan(At, 8));
        At += 8;
        return value;
    }

    /// <summary>A number written by <see cref="IndexImageWriter.Int(int?)"/>.</summary>
    public int? IntOrNull()
    {
        var has = image[At++] != 0;
        var value = Int();
        return has ? value : null;
    }

    public DateOnly? Day() => Int() is var day and >= 0 ? DateOnly.FromDayNumber(day) : null;

    internal string Utf16()
    {
        var at = At;
        var length = Read7BitEncodedInt(image, ref at);
        var units = MemoryMarshal.Cast<byte, ushort>(image.AsSpan(at, checked(length * 2)));
        At = at + length * 2;
        if (!BitConverter.IsLittleEndian)
        {
            var swapped = new ushort[units.Length];
            BinaryPrimitives.ReverseEndianness(units, swapped);
            units = swapped;
        }

        return new string(MemoryMarshal.Cast<ushort, char>(units));
    }

    /// <summary>A number as <see cref="BinaryWriter.Write7BitEncodedInt"/> wrote it, from <paramref name="at"/>, which is
    /// moved past it; throws on a malformed number.</summary>
    internal static int Read7BitEncodedInt(ReadOnlySpan<byte> bytes, ref int at)
    {
        var value = 0u;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = bytes[at++];
            if (shift == 28 && b > 0b1111)
            {
                throw new FormatException("A 7-bit encoded number is too large.");
            }

            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return (int)value;
            }
        }

        throw new FormatException("A 7-bit encoded number is too long.");
    }
}
