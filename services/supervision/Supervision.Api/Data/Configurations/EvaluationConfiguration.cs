namespace Supervision.Api.Data.Configurations;

sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> e)
    {
        e.ToTable("evaluations");
        e.HasKey(x => x.Id);
        // Ratings are anonymous: the trail says a rating came in and its scores, never from whom.
        e.KeepsItsAuthorAnonymous();
        e.HasIndex(x => x.FilingNo).IsUnique();
        e.Property(x => x.FilingNo).HasMaxLength(40).IsPersonal();
        e.Property(x => x.CreditCode).HasMaxLength(18).IsPersonal();
        e.Property(x => x.Comment).HasMaxLength(500);
        e.Property(x => x.RatedBy).HasMaxLength(200).IsPersonal();
        e.Ignore(x => x.Score);
    }
}
