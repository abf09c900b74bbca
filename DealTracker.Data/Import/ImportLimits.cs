namespace DealTracker.Data.Import;

/// <summary>The limits an uploaded file is held to: the upload page shows and enforces the same numbers.</summary>
public static class ImportLimits
{
    /// <summary>20 MB: a 10,000-lead export is about 3 MB.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    /// <summary>The longest cell imported (notes and descriptions included).</summary>
    public const int MaxCellCharacters = 10_000;

    public static string MaxFileSizeText => $"{MaxFileBytes / (1024 * 1024)} MB";
}
