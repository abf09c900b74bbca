using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.Import;

/// <summary>
/// An individual a lead row introduces by name only: the last word is the family name, the rest the given name
/// ("Mary Ann Smith" → "Mary Ann", "Smith"), each within the individual rules' length.
/// </summary>
internal static class NewIndividualName
{
    public static (string Given, string Family)? Split(string name)
    {
        var space = name.Trim().LastIndexOf(' ');
        if (space <= 0)
            return null;
        var (given, family) = (name[..space].Trim(), name[(space + 1)..].Trim());
        return given.Length <= Limits.PersonName && family.Length <= Limits.PersonName ? (given, family) : null;
    }
}
