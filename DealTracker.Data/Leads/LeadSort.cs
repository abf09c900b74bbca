namespace DealTracker.Data.Leads;

public enum LeadSort { UpdatedAt, Title, Deal, Stage, PrimaryParty, Value, Probability, CloseDate }
