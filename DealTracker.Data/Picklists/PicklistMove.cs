namespace DealTracker.Data.Picklists;

/// <summary>Where a value moves in its list.</summary>
public enum PicklistMove
{
    Up = -1,
    Down = 1,
}
