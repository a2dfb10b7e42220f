namespace Supervision.Api.Data.Configurations;

sealed class CaseHistoryEntryConfiguration : IEntityTypeConfiguration<CaseHistoryEntry>
{
    public void Configure(EntityTypeBuilder<CaseHistoryEntry> e)
    {
        e.ToTable("case_history");
        e.HasKey(x => x.Id);
        // A step of a case is written once.
        e.IsAppendOnly();
        e.Property(x => x.Id).UseIdentityAlwaysColumn();
        e.HasIndex(x => new { x.CaseId, x.Sequence }).IsUnique();
        e.Property(x => x.Action).HasMaxLength(30);
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(30);
        e.Property(x => x.ActorRole).HasMaxLength(30);
        // The entry's own who and where are the audit entry's: the step's copy would name a complainant.
        e.Property(x => x.ActorId).HasMaxLength(200).IsPersonal();
        e.Property(x => x.ActorClient).HasMaxLength(200);
        e.Property(x => x.ActorAddress).HasMaxLength(64).IsPersonal();
        e.Property(x => x.Note).HasMaxLength(4000);
        e.Property(x => x.AssignedTo).HasMaxLength(20);
    }
}
