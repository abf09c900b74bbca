using System.Globalization;
using DealTracker.Data.Entities;
using DealTracker.Data.History;

namespace DealTracker.Web.Components.Pages.History;

/// <summary>
/// Says what an event means, as a person would: "Morgan Manager moved this lead from Proposal to Lost — reason: Price".
/// On a deal's timeline a lead's event names the lead instead of "this lead".
/// </summary>
public static class TimelineSentence
{
    private const int QuoteLimit = 80;

    private static readonly Dictionary<string, string> FieldNames = new(StringComparer.Ordinal)
    {
        ["title"] = "title", ["description"] = "description", ["source"] = "source", ["deal_id"] = "deal",
        ["owner_user_id"] = "owner", ["name"] = "name", ["value_amount"] = "amount", ["value_currency"] = "currency",
        ["probability"] = "probability", ["close_date"] = "close date", ["website"] = "website", ["phone"] = "phone",
        ["notes"] = "notes", ["given_name"] = "given name", ["family_name"] = "family name", ["email"] = "email",
        ["individual_id"] = "person", ["organization_id"] = "organization", ["department"] = "department",
        ["is_primary"] = "primary flag", ["reason"] = "lost reason", ["stage"] = "stage",
    };

    /// <summary>The sentence for <paramref name="entry"/>; <paramref name="subjectType"/> is the record the timeline belongs to.</summary>
    public static string Describe(TimelineEntry entry, string subjectType)
    {
        var record = entry.RecordType == subjectType
            ? $"this {entry.RecordType}"
            : $"{entry.RecordType} “{Shorten(entry.RecordLabel ?? $"#{entry.RecordId}")}”";
        return $"{entry.ActorName} {Predicate(entry, record)}";
    }

    private static string Predicate(TimelineEntry e, string record) => (e.Action, e.Field) switch
    {
        (HistoryActions.Created, "note") => $"added a note to {record}",
        (HistoryActions.Updated, "note") => $"edited a note on {record}: {Quote(e.NewValue)}",
        (HistoryActions.Deleted, "note") => $"deleted a note from {record}: {Quote(e.OldValue)}",
        (HistoryActions.Created, "next_step") => $"set the next step of {record}: {e.NewValue}",
        (HistoryActions.Completed, "next_step") => $"completed the next step of {record}: {e.OldValue}",
        (_, "next_step") => $"changed the next step of {record} to {e.NewValue}",
        (HistoryActions.Baseline, _) => $"found {record} in {e.NewValue} when history began",
        (HistoryActions.Created, "stage") => $"put {record} in {e.NewValue}{Reason(e.Detail)}",
        (HistoryActions.Created, _) => $"created {record}",
        (HistoryActions.Deleted, _) => $"deleted {record}",
        (HistoryActions.Linked, var party) => $"added {party} {e.NewValue} to {record}{Parenthesized(e.Detail)}",
        (HistoryActions.Unlinked, var party) => $"removed {party} {e.OldValue} from {record}",
        (_, "stage") => $"moved {record} from {e.OldValue} to {e.NewValue}{Reason(e.Detail)}",
        (_, "owner_user_id") => Owner(e, record),
        (_, { } field) when field.EndsWith(".is_primary", StringComparison.Ordinal) => Primary(e, record, field),
        (_, { } field) when field.Contains('.') => LinkDetail(e, record, field),
        (_, var field) => Change(FieldName(field), e.OldValue, e.NewValue, record),
    };

    private static string Change(string field, string? before, string? after, string record) => (before, after) switch
    {
        (null, _) => $"set the {field} of {record} to {Quote(after)}",
        (_, null) => $"cleared the {field} of {record} (was {Quote(before)})",
        _ => $"changed the {field} of {record} from {Quote(before)} to {Quote(after)}",
    };

    private static string Owner(TimelineEntry e, string record) => (e.OldValue, e.NewValue) switch
    {
        (null, var to) => $"assigned {record} to {to}",
        (var from, null) => $"unassigned {record} (was {from})",
        var (from, to) => $"reassigned {record} from {from} to {to}",
    };

    private static string Primary(TimelineEntry e, string record, string field)
    {
        var party = field[..field.IndexOf('.')];
        return e.NewValue == "true"
            ? $"made {e.Detail} the primary {party} of {record}"
            : $"made {e.Detail} no longer the primary {party} of {record}";
    }

    private static string LinkDetail(TimelineEntry e, string record, string field)
    {
        var what = field.EndsWith(".role_on_lead", StringComparison.Ordinal) ? "role" : "relationship";
        return $"changed the {what} of {e.Detail} on {record} from {e.OldValue ?? "none"} to {e.NewValue ?? "none"}";
    }

    private static string FieldName(string? field) =>
        field is null ? "record" : FieldNames.GetValueOrDefault(field, field.Replace('_', ' '));

    private static string Reason(string? reason) => reason is null ? "" : $" — reason: {reason}";

    private static string Parenthesized(string? detail) => detail is null ? "" : $" ({detail})";

    private static string Quote(string? value) => $"“{Shorten(value ?? "")}”";

    private static string Shorten(string value)
    {
        var oneLine = value.ReplaceLineEndings(" ");
        return oneLine.Length <= QuoteLimit
            ? oneLine
            : string.Concat(oneLine.AsSpan(0, QuoteLimit - 1).TrimEnd(), "…");
    }

    /// <summary>"Today", "Yesterday", or the date written out: the heading of a day on a timeline.</summary>
    public static string DayHeading(DateOnly day, DateOnly today) =>
        day == today ? "Today"
        : day == today.AddDays(-1) ? "Yesterday"
        : day.ToString(day.Year == today.Year ? "dddd, MMMM d" : "dddd, MMMM d, yyyy", CultureInfo.GetCultureInfo("en-US"));
}
