namespace DealTracker.Data.Import;

/// <summary>An uploaded CSV file read into its header and rows, with the separator and encoding it was read with.</summary>
public sealed record ImportFile(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows, char Separator, string EncodingName)
{
    public string SeparatorName => Separator switch
    {
        ',' => "comma",
        ';' => "semicolon",
        '\t' => "tab",
        _ => $"'{Separator}'",
    };
}
