namespace Supervision.Api.Data.Configurations;

sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.ToTable("evaluations");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.FilingNo).IsUnique();
        e.Property(x => x.FilingNo).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Comment).HasMaxLength(500);
        e.Property(x => x.RatedBy).HasMaxLength(200);
        e.Ignore(x => x.Score);
    }
}
