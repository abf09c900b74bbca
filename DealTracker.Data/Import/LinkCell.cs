using DealTracker.Data.Export;

namespace DealTracker.Data.Import;

/// <summary>
/// Reads a lead's organizations, individuals or contacts as export writes them (<see cref="LeadExportLink.Describe(IEnumerable{LeadExportLink})"/>):
/// <c>Acme Corp (Customer, primary); Beta Ltd (Partner)</c>, with the ids column beside it (<c>12; 40</c>) when there is one.
/// </summary>
internal static class LinkCell
{
    public static IReadOnlyList<LinkText> Parse(string? names, string? ids)
    {
        if (string.IsNullOrWhiteSpace(names))
            return [];
        var items = names.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var idItems = (ids ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var links = new List<LinkText>(items.Length);
        for (var i = 0; i < items.Length; i++)
        {
            long? id = idItems.Length == items.Length && long.TryParse(idItems[i], out var parsed) ? parsed : null;
            links.Add(Split(items[i], id));
        }
        return links;
    }

    /// <summary><c>Acme Corp (Customer, primary)</c> → name, notes; a name without a trailing parenthesis has no notes.</summary>
    private static LinkText Split(string item, long? id)
    {
        var open = item.LastIndexOf(" (", StringComparison.Ordinal);
        if (!item.EndsWith(')') || open <= 0)
            return new LinkText(item, id, [], item);
        var notes = item[(open + 2)..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return new LinkText(item[..open].Trim(), id, notes, item);
    }
}
