using System.Buffers.Binary;
using System.Text;

namespace DealTracker.LoadDriver;

/// <summary>
/// The strings of one Blazor render batch: every text, attribute name and attribute value the batch renders sits in
/// its string table. The batch's last five int32s locate its parts; the last one is where the string table starts,
/// an array of int32 positions (up to the five trailing int32s) of LEB128-length-prefixed UTF-8 strings, the layout
/// .NET's BinaryWriter writes and blazor.web.js reads (OutOfProcessRenderBatch).
/// </summary>
public static class RenderBatchStrings
{
    private const int TrailerLength = 5 * sizeof(int);

    public static IReadOnlyList<string> Read(ReadOnlySpan<byte> batch)
    {
        if (batch.Length < TrailerLength)
            throw new InvalidDataException($"A render batch of {batch.Length} bytes is shorter than its trailer.");
        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);
        var tableEnd = batch.Length - TrailerLength;
        if (tableStart < 0 || tableStart > tableEnd || (tableEnd - tableStart) % sizeof(int) != 0)
            throw new InvalidDataException($"A render batch's string table at {tableStart} does not fit its {batch.Length} bytes.");

        var strings = new List<string>((tableEnd - tableStart) / sizeof(int));
        for (var entry = tableStart; entry < tableEnd; entry += sizeof(int))
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch[entry..]);
            if (position < 0)
                continue; // -1 encodes null
            var (length, prefix) = ReadLeb128(batch[position..]);
            strings.Add(Encoding.UTF8.GetString(batch.Slice(position + prefix, length)));
        }
        return strings;
    }

    private static (int Value, int Bytes) ReadLeb128(ReadOnlySpan<byte> data)
    {
        var value = 0;
        for (var i = 0; i < 5; i++)
        {
            var b = data[i];
            value |= (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0)
                return (value, i + 1);
        }
        throw new InvalidDataException("A string length in a render batch runs past five bytes.");
    }
}
