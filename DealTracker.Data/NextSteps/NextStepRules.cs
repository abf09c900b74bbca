using DealTracker.Data.Infrastructure;

namespace DealTracker.Data.NextSteps;

/// <summary>
/// When a next step counts as overdue or due this week, judged in the app's time zone (<see cref="AppClock"/>), weeks
/// starting on Monday. The SQL fragments say the same as the C# methods: board filters use the one, cards the other.
/// </summary>
public static class NextStepRules
{
    public const int WhatMaxLength = 500;

    /// <summary>Past its day, or today past its time. A step due today without a time is due, not overdue.</summary>
    public static bool IsOverdue(DateOnly dueOn, TimeOnly? dueTime, DateTime localNow)
    {
        var today = DateOnly.FromDateTime(localNow);
        return dueOn < today || (dueOn == today && dueTime is { } time && time < TimeOnly.FromDateTime(localNow));
    }

    /// <summary>SQL for <see cref="IsOverdue"/> on leads aliased <c>l</c>; {0} is today, {1} the time of day now.</summary>
    public const string OverdueSql =
        "(l.next_step IS NOT NULL AND (l.next_step_due_on < {0} OR (l.next_step_due_on = {0} AND l.next_step_due_time < {1})))";

    /// <summary>SQL: due from this week's Monday ({0}) to its Sunday ({1}), overdue ones of this week included.</summary>
    public const string DueThisWeekSql = "(l.next_step IS NOT NULL AND l.next_step_due_on BETWEEN {0} AND {1})";

    public static (string What, DateOnly DueOn, TimeOnly? DueTime) Require(NextStepInput input)
    {
        var what = Text.Clean(input.What) ?? throw new RuleViolationException("Say what the next step is.", "NextStep");
        if (what.Length > WhatMaxLength)
            throw new RuleViolationException($"The next step can be at most {WhatMaxLength} characters.", "NextStep");
        var dueOn = input.DueOn ?? throw new RuleViolationException("Pick the day it is due.", "NextStepDueOn");
        return (what, dueOn, input.DueTime);
    }
}
