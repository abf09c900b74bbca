using DealTracker.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealTracker.Data.Configurations;

// Names, types and defaults follow the seed DDL exactly (shared/seed/dealtracker-data-model.md), constraint
// names included, so SQL written against the seed keeps working. Corrections from DESIGN.md are marked.

internal static class ConfigurationExtensions
{
    public static void HasTimestamps<T>(this EntityTypeBuilder<T> b, bool withUpdatedAt = true) where T : class
    {
        b.Property<DateTime>("CreatedAt").HasDefaultValueSql("now()");
        if (withUpdatedAt)
            b.Property<DateTime>("UpdatedAt").HasDefaultValueSql("now()");
    }

    /// <summary>Optimistic concurrency on PostgreSQL's system column <c>xmin</c>: no extra column needed.</summary>
    public static void HasXminVersion<T>(this EntityTypeBuilder<T> b) where T : class =>
        b.Property<uint>("Version").HasColumnName("xmin").HasColumnType("xid").IsRowVersion();
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> b)
    {
        b.ToTable("deals", t =>
        {
            t.HasCheckConstraint("deals_value_amount_check", "value_amount >= 0");
            t.HasCheckConstraint("deals_probability_check", "probability BETWEEN 0 AND 100");
            t.HasCheckConstraint("deals_value_currency_check", "value_currency ~ '^[A-Z]{3}$'");
        });
        b.HasKey(x => x.Id).HasName("deals_pkey");
        b.Property(x => x.ValueAmount).HasColumnType("numeric(18,2)");
        b.Property(x => x.ValueCurrency).HasDefaultValue("USD");
        b.Property(x => x.Probability).HasColumnType("numeric(5,2)");
        // Issue 6: the owner is a real user; deleting a user leaves their deals unassigned.
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("deals_owner_user_id_fkey");
        b.HasIndex(x => x.OwnerUserId).HasDatabaseName("idx_deals_owner_user_id");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> b)
    {
        b.HasKey(x => x.Id).HasName("leads_pkey");
        b.HasOne(x => x.Deal).WithMany(d => d.Leads).HasForeignKey(x => x.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("leads_deal_id_fkey");
        b.HasIndex(x => x.DealId).HasDatabaseName("idx_leads_deal_id");
        // Issue 6: the owner is a real user; deleting a user leaves their leads unassigned.
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("leads_owner_user_id_fkey");
        b.HasIndex(x => x.OwnerUserId).HasDatabaseName("idx_leads_owner_user_id");
        b.ToTable("leads", t =>
        {
            // A next step has a text and a due date, or neither; a time needs a date.
            t.HasCheckConstraint("leads_next_step_due_check", "(next_step IS NULL) = (next_step_due_on IS NULL)");
            t.HasCheckConstraint("leads_next_step_time_check", "next_step_due_time IS NULL OR next_step_due_on IS NOT NULL");
            t.HasCheckConstraint("leads_next_step_length_check", "char_length(next_step) <= 500");
        });
        // The overview's "my next steps due today or overdue" reads from here.
        b.HasIndex(x => new { x.OwnerUserId, x.NextStepDueOn }).HasFilter("next_step IS NOT NULL")
            .HasDatabaseName("idx_leads_owner_next_step_due_on");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}

internal sealed class LeadStatusConfiguration : IEntityTypeConfiguration<LeadStatus>
{
    public void Configure(EntityTypeBuilder<LeadStatus> b)
    {
        b.ToTable("lead_status");
        b.HasKey(x => x.LeadId).HasName("lead_status_pkey");
        b.Property(x => x.LeadId).ValueGeneratedNever();
        b.HasOne(x => x.Lead).WithOne(l => l.Status).HasForeignKey<LeadStatus>(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_status_lead_id_fkey");
        b.HasIndex(x => x.Stage).HasDatabaseName("idx_lead_status_stage");
        // The pipeline board's column order (newest arrival in the stage first), so a column's first page is read
        // from the index.
        b.HasIndex(x => new { x.Stage, x.StageEnteredAt, x.LeadId }).IsDescending(false, true, true)
            .HasDatabaseName("idx_lead_status_stage_entered_at_lead_id");
        b.Property(x => x.UpdatedAt).HasDefaultValueSql("now()");
        // Kept by the trigger trg_lead_status_stage_entered_at: EF never writes it and reads it back after a save.
        b.Property(x => x.StageEnteredAt).HasDefaultValueSql("now()").ValueGeneratedOnAddOrUpdate();
        b.HasXminVersion();
    }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> b)
    {
        b.ToTable("organizations");
        b.HasKey(x => x.Id).HasName("organizations_pkey");
        // The seed's UNIQUE (LOWER(name)) is created by the migration as a unique expression index,
        // organizations_lower_name_key: EF has no expression indexes.
        b.HasTimestamps();
        b.HasXminVersion();
    }
}

internal sealed class IndividualConfiguration : IEntityTypeConfiguration<Individual>
{
    public void Configure(EntityTypeBuilder<Individual> b)
    {
        b.ToTable("individuals");
        b.HasKey(x => x.Id).HasName("individuals_pkey");
        b.HasTimestamps();
        b.HasXminVersion();
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("contacts");
        b.HasKey(x => x.Id).HasName("contacts_pkey");
        b.HasOne(x => x.Individual).WithMany(i => i.Contacts).HasForeignKey(x => x.IndividualId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("contacts_individual_id_fkey");
        b.HasOne(x => x.Organization).WithMany(o => o.Contacts).HasForeignKey(x => x.OrganizationId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("contacts_organization_id_fkey");
        b.HasIndex(x => x.IndividualId).HasDatabaseName("idx_contacts_individual");
        b.HasIndex(x => x.OrganizationId).HasDatabaseName("idx_contacts_org");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps();
        b.HasXminVersion();
    }
}

internal sealed class LeadContactConfiguration : IEntityTypeConfiguration<LeadContact>
{
    public void Configure(EntityTypeBuilder<LeadContact> b)
    {
        b.ToTable("lead_contacts");
        b.HasKey(x => new { x.LeadId, x.ContactId }).HasName("lead_contacts_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Contacts).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_contacts_lead_id_fkey");
        b.HasOne(x => x.Contact).WithMany(c => c.Leads).HasForeignKey(x => x.ContactId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_contacts_contact_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_contacts_lead");
        // Correction 9: at most one primary contact per lead.
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_contacts_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}

internal sealed class LeadOrganizationConfiguration : IEntityTypeConfiguration<LeadOrganization>
{
    public void Configure(EntityTypeBuilder<LeadOrganization> b)
    {
        b.ToTable("lead_organizations");
        b.HasKey(x => new { x.LeadId, x.OrganizationId }).HasName("lead_organizations_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Organizations).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_organizations_lead_id_fkey");
        b.HasOne(x => x.Organization).WithMany(o => o.Leads).HasForeignKey(x => x.OrganizationId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_organizations_organization_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_orgs_lead");
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_organizations_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}

internal sealed class LeadIndividualConfiguration : IEntityTypeConfiguration<LeadIndividual>
{
    public void Configure(EntityTypeBuilder<LeadIndividual> b)
    {
        b.ToTable("lead_individuals");
        b.HasKey(x => new { x.LeadId, x.IndividualId }).HasName("lead_individuals_pkey");
        b.HasOne(x => x.Lead).WithMany(l => l.Individuals).HasForeignKey(x => x.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_individuals_lead_id_fkey");
        b.HasOne(x => x.Individual).WithMany(i => i.Leads).HasForeignKey(x => x.IndividualId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("lead_individuals_individual_id_fkey");
        b.HasIndex(x => x.LeadId).HasDatabaseName("idx_lead_inds_lead");
        b.HasIndex(x => x.LeadId).IsUnique().HasFilter("is_primary").HasDatabaseName("ux_lead_individuals_one_primary");
        b.Property(x => x.IsPrimary).HasDefaultValue(false);
        b.HasTimestamps(withUpdatedAt: false);
        b.HasXminVersion();
    }
}

internal sealed class PicklistValueConfiguration : IEntityTypeConfiguration<PicklistValue>
{
    public void Configure(EntityTypeBuilder<PicklistValue> b)
    {
        b.ToTable("picklists");
        b.HasKey(x => x.Id).HasName("picklists_pkey");
        b.HasIndex(x => new { x.Category, x.Value }).IsUnique().HasDatabaseName("picklists_category_value_key");
        // Unique regardless of case (category, lower(value)) is an expression index made by the migration.
        b.Property(x => x.SortOrder).HasDefaultValue(0);
        b.Property(x => x.IsActive).HasDefaultValue(true).HasSentinel(true);
        b.Property(x => x.NeedsReason).HasDefaultValue(false);
        b.Property(x => x.IsClosed).HasDefaultValue(false);
        b.HasXminVersion();
    }
}
