using System.Net.Mail;

namespace DealTracker.Data.Infrastructure;

/// <summary>
/// Checks one typed value: trimmed, bounded, and (for emails and websites) well-formed. Anything else a user
/// types, markup and unusual Unicode included, is stored exactly as given; the UI always shows it as text.
/// </summary>
public static class Input
{
    public static string Required(string? value, int max, string field, string missing)
    {
        var clean = Text.Clean(value, field) ?? throw new RuleViolationException(missing, field);
        return Bounded(clean, max, field);
    }

    public static string? Optional(string? value, int max, string field) =>
        Text.Clean(value, field) is { } clean ? Bounded(clean, max, field) : null;

    public static string? Email(string? value, string field = "Email")
    {
        var clean = Optional(value, Limits.Email, field);
        if (clean is null)
            return null;
        var at = clean.IndexOf('@');
        if (at <= 0 || at != clean.LastIndexOf('@') || !clean[(at + 1)..].Contains('.') || clean.Any(char.IsWhiteSpace)
            || !MailAddress.TryCreate(clean, out var parsed) || parsed.Address != clean)
            throw new RuleViolationException("Enter an email address like name@example.com.", field);
        return clean;
    }

    public static string? Website(string? value, string field = "Website")
    {
        var clean = Optional(value, Limits.Website, field);
        if (clean is null)
            return null;
        var withScheme = clean.Contains("://", StringComparison.Ordinal) ? clean : "https://" + clean;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !uri.Host.Contains('.') || clean.Any(char.IsWhiteSpace))
            throw new RuleViolationException("Enter a website like https://example.com.", field);
        return clean;
    }

    private static string Bounded(string clean, int max, string field)
    {
        if (clean.Length > max)
            throw new RuleViolationException($"This can be at most {max} characters (it has {clean.Length}).", field);
        return clean;
    }
}
