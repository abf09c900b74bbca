namespace DealTracker.Data.Import;

/// <summary>
/// Matches rows to existing records: by the <c>Id</c> column when given, otherwise by a natural key compared ignoring
/// case (an organization's name, an individual's email, a deal's name). A key that two records share, a key used twice
/// in the file, or an Id and a key naming different records is a problem of that row.
/// </summary>
internal sealed class RecordMatcher
{
    private readonly string _noun;
    private readonly string _keyField;
    private readonly HashSet<long> _ids = [];
    private readonly Dictionary<string, List<long>> _byKey = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _firstRowOfKey = new(StringComparer.OrdinalIgnoreCase);

    public RecordMatcher(string noun, string keyField, IEnumerable<(long Id, string? Key)> existing)
    {
        (_noun, _keyField) = (noun, keyField);
        foreach (var (id, key) in existing)
        {
            _ids.Add(id);
            if (key is null)
                continue;
            if (_byKey.TryGetValue(key, out var ids))
                ids.Add(id);
            else
                _byKey[key] = [id];
        }
    }

    public long? Match(RowCells cells, long? id, string? key)
    {
        long? matched = null;
        if (id is { } given)
        {
            if (_ids.Contains(given))
                matched = given;
            else
                cells.Problem("Id", $"there is no {_noun} #{given} (leave Id empty to create one)");
        }
        if (key is null)
            return matched;
        if (_firstRowOfKey.TryGetValue(key, out var earlier))
            cells.Problem(_keyField,
                $"\"{key}\" is also in row {earlier} of this file ({_keyField.ToLowerInvariant()}s are compared ignoring case)");
        else
            _firstRowOfKey[key] = cells.RowNumber;
        if (!_byKey.TryGetValue(key, out var owners))
            return matched;
        if (matched is { } byId)
        {
            if (!owners.Contains(byId))
                cells.Problem(_keyField, $"{_noun} #{owners[0]} already has the {_keyField.ToLowerInvariant()} \"{key}\"");
            return matched;
        }
        if (owners.Count == 1)
            return owners[0];
        cells.Problem(_keyField, $"\"{key}\" matches {owners.Count} {_noun}s ({string.Join(", ", owners.Select(o => $"#{o}"))}); " +
            "add an Id column to say which");
        return null;
    }
}
