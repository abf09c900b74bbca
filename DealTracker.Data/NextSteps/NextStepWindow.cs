namespace DealTracker.Data.NextSteps;

/// <summary>The board's next-step filter: leads whose next step is overdue, or due this week (Monday to Sunday).</summary>
public enum NextStepWindow { Overdue, DueThisWeek }
