namespace DealTracker.Data.Infrastructure;

/// <summary>
/// The app's calendar: "today", "this week" (Monday first) and the day an event belongs to are judged in one time
/// zone, <c>App__TimeZone</c> (an IANA id such as Europe/Berlin; default UTC), whatever the server's own zone.
/// </summary>
public sealed class AppClock(TimeZoneInfo zone, TimeProvider time)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static AppClock For(string? timeZoneId, TimeProvider? time = null) =>
        new(string.IsNullOrWhiteSpace(timeZoneId) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(timeZoneId.Trim()),
            time ?? TimeProvider.System);

    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    public DateTime Now => ToLocal(UtcNow);

    public DateOnly Today => DateOnly.FromDateTime(Now);

    /// <summary>The Monday that starts the week of <paramref name="day"/>.</summary>
    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public DateTime ToLocal(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
}
