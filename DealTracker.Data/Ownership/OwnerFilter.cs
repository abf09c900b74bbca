namespace DealTracker.Data.Ownership;

/// <summary>
/// The ownership rules every data service applies: Sales see and change the leads and deals they own plus the
/// unassigned ones; managers and admins see and change everything. A record the actor may not see behaves exactly
/// like a record that does not exist ("not found or not yours"), so its data never leaks.
/// </summary>
/// <summary>Whose records a list shows (within what the acting user may see anyway).</summary>
public enum OwnerFilter { Anyone, Mine, Unassigned, User }
