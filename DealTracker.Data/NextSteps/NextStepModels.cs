namespace DealTracker.Data.NextSteps;

/// <summary>What the lead page saves: what to do, the day it is due, optionally the time (app time zone).</summary>
public sealed record NextStepInput(string? What, DateOnly? DueOn, TimeOnly? DueTime = null);

/// <summary>A lead's next step as shown on the lead page, on cards and on the overview.</summary>
public sealed record NextStepView(long LeadId, string LeadTitle, string What, DateOnly DueOn, TimeOnly? DueTime, bool IsOverdue);
