using System.Text;
using DealTracker.Data.Import;

namespace DealTracker.Tests.Support;

/// <summary>Files to import, and mappings as the page suggests them (optionally leaving columns out).</summary>
public static class ImportFiles
{
    public static ImportFile Read(string text) => ImportFileReader.Read(Encoding.UTF8.GetBytes(text));

    public static ImportMapping Mapping(ImportKind kind, ImportFile file, params string[] leftOut)
    {
        var suggested = ImportService.SuggestMapping(kind, file);
        return new ImportMapping(suggested.FieldOfColumn.Select(f => f is not null && leftOut.Contains(f) ? null : f).ToList());
    }
}
