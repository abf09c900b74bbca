using DealTracker.Data.Infrastructure;

namespace DealTracker.Web.Components.Shared;

/// <summary>
/// The service's refusals, placed next to the field they name. A refusal about a field the form does not show, or
/// about the whole record, is kept as <see cref="General"/> for the form's summary.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string> _byField = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; private set; }

    public string? this[string field] => _byField.GetValueOrDefault(field);

    public bool Has(string field) => _byField.ContainsKey(field);

    public void Clear()
    {
        _byField.Clear();
        General = null;
    }

    /// <summary>Shows the refusal next to its field when the form has it (<paramref name="fields"/>), else in the summary.</summary>
    public void Show(RuleViolationException refusal, params string[] fields)
    {
        Clear();
        if (refusal.Field is { } field && fields.Contains(field, StringComparer.OrdinalIgnoreCase))
            _byField[field] = refusal.Message;
        else
            General = refusal.Message;
    }
}
