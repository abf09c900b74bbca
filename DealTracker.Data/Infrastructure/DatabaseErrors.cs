using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealTracker.Data.Infrastructure;

/// <summary>Turns what PostgreSQL refuses into sentences a user can act on; never a stack trace.</summary>
public static class DatabaseErrors
{
    private static readonly Dictionary<string, (string Message, string? Field)> KnownConstraints = new()
    {
        ["organizations_lower_name_key"] = ("An organization with this name already exists.", "Name"),
        ["picklists_category_value_key"] = ("That value already exists in this list.", "Value"),
        ["picklists_category_lower_value_key"] = ("That value already exists in this list (ignoring case).", "Value"),
        ["deals_value_amount_check"] = ("The value amount cannot be negative.", "ValueAmount"),
        ["deals_probability_check"] = ("Probability must be between 0 and 100.", "Probability"),
        ["deals_value_currency_check"] = ("Currency must be a three-letter ISO code such as USD.", "ValueCurrency"),
        ["notes_body_check"] = ("A note needs some text, and at most 10,000 characters.", "Body"),
        ["leads_next_step_due_check"] = ("A next step needs both what to do and a due date.", "NextStep"),
        ["leads_next_step_time_check"] = ("A time needs a date.", "NextStepDueOn"),
        ["leads_next_step_length_check"] = ("The next step can be at most 500 characters.", "NextStep"),
        ["lead_status_reason_length_check"] = ($"The reason can be at most {Limits.Reason} characters.", "Reason"),
        ["ux_lead_contacts_one_primary"] = ("A lead can have only one primary contact.", null),
        ["ux_lead_organizations_one_primary"] = ("A lead can have only one primary organization.", null),
        ["ux_lead_individuals_one_primary"] = ("A lead can have only one primary individual.", null),
    };

    /// <summary>The foreign keys from picklist columns to <c>picklists (category, value)</c>: what the value is called, and its field.</summary>
    private static readonly Dictionary<string, (string Label, string Field)> PicklistForeignKeys = new()
    {
        ["lead_status_stage_picklist_fkey"] = ("stage", "Stage"),
        ["lead_contacts_role_on_lead_picklist_fkey"] = ("role on lead", "RoleOnLead"),
        ["lead_organizations_relationship_picklist_fkey"] = ("organization relationship", "Relationship"),
        ["lead_individuals_relationship_picklist_fkey"] = ("individual relationship", "Relationship"),
    };

    /// <summary>Translates a database failure into a <see cref="RuleViolationException"/>, or null if it is not one.</summary>
    public static RuleViolationException? Translate(Exception exception)
    {
        // EF's retrying strategy wraps what it took for a transient failure (a deadlock, a serialization failure) in
        // one more exception: look through the whole chain.
        var chain = Chain(exception).ToList();
        if (chain.OfType<DbUpdateConcurrencyException>().Any())
            return new ConcurrencyConflictException(
                "Someone else changed this record after you opened it. Reload to see their changes.");

        if (IsUnavailable(exception))
            return new DatabaseUnavailableException();
        var pg = chain.OfType<PostgresException>().FirstOrDefault();
        if (pg is null)
            return null;

        if (pg.ConstraintName is { } name && KnownConstraints.TryGetValue(name, out var known))
            return new RuleViolationException(known.Message, known.Field);

        if (pg.ConstraintName is { } fk && PicklistForeignKeys.TryGetValue(fk, out var picklist))
            return pg.TableName == "picklists"
                ? new RuleViolationException("This value is still used by some records. Move them to another value first.")
                : new RuleViolationException(
                    $"The {picklist.Label} you chose is not in the list (it may have just been renamed or removed). Pick one from the list.",
                    picklist.Field);

        return pg.SqlState switch
        {
            // Our own triggers raise check_violation with a sentence already meant for people.
            PostgresErrorCodes.CheckViolation when pg.ConstraintName is null or "lead_requires_party" or "lead_requires_status" or "picklist_value_exists"
                => new RuleViolationException(pg.MessageText),
            PostgresErrorCodes.CheckViolation => new RuleViolationException("A value is outside what is allowed."),
            PostgresErrorCodes.UniqueViolation => new RuleViolationException("That record already exists."),
            PostgresErrorCodes.ForeignKeyViolation =>
                new RuleViolationException("A record this refers to no longer exists. Reload and try again."),
            PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected =>
                new ConcurrencyConflictException("Someone else was changing the same records. Please try again."),
            PostgresErrorCodes.StringDataRightTruncation => new RuleViolationException("A value is too long."),
            PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter =>
                new RuleViolationException("A value contains a character that cannot be stored (U+0000)."),
            _ => null,
        };
    }

    /// <summary>PostgreSQL rolled the whole transaction back to break a deadlock or keep transactions serializable.</summary>
    public static bool IsRolledBackByServer(Exception exception) =>
        Chain(exception).OfType<PostgresException>().FirstOrDefault()?.SqlState
            is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>
    /// The database is not there: no connection (refused, reset, timed out), or the server is shutting down or starting
    /// up (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now, 08xxx connection exceptions).
    /// </summary>
    public static bool IsUnavailable(Exception exception)
    {
        var chain = Chain(exception).ToList();
        if (chain.OfType<PostgresException>().FirstOrDefault() is { } pg)
            return pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                || pg.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow;
        return chain.Any(e => e is NpgsqlException or TimeoutException);
    }

    private static IEnumerable<Exception> Chain(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
            yield return exception;
    }
}
