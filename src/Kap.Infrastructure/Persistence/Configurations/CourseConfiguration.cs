using Kap.Domain.Courses;
using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.ToTable("Courses");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.DiscontinuedReason).HasMaxLength(1000);
        builder.ComplexProperty(c => c.Plan, p =>
        {
            p.Property(x => x.PreparationSessions).HasColumnName("PlannedPreparationSessions");
            p.Property(x => x.DosingSessions).HasColumnName("PlannedDosingSessions");
            p.Property(x => x.IntegrationSessionsPerDose).HasColumnName("PlannedIntegrationSessionsPerDose");
            p.Property(x => x.IntegrationSessionsAfterSeries).HasColumnName("PlannedIntegrationSessionsAfterSeries");
        });
        builder.HasOne<Patient>().WithMany().HasForeignKey(c => c.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.History).WithOne().HasForeignKey("CourseId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.History).HasField("_history").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(c => c.Revisions).WithOne().HasForeignKey("CourseId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(c => c.Revisions).HasField("_revisions").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(c => new { c.PrimaryTherapistId, c.Phase });
        builder.HasIndex(c => new { c.PrescriberId, c.Phase });
        // A patient's courses; with the phase, the caseload's count of open courses reads this index alone (docs/benchmarks.md).
        builder.HasIndex(c => new { c.PatientId, c.Phase });
    }
}

internal sealed class CoursePhaseChangeConfiguration : IEntityTypeConfiguration<CoursePhaseChange>
{
    public void Configure(EntityTypeBuilder<CoursePhaseChange> builder)
    {
        builder.ToTable("CoursePhaseChanges");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Reason).HasMaxLength(1000);
    }
}

internal sealed class CoursePlanRevisionConfiguration : IEntityTypeConfiguration<CoursePlanRevision>
{
    public void Configure(EntityTypeBuilder<CoursePlanRevision> builder)
    {
        builder.ToTable("CoursePlanRevisions");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Reason).HasMaxLength(1000);
        builder.Ignore(r => r.AddedDosingSessions);
    }
}

internal sealed class IntegrationNoteConfiguration : IEntityTypeConfiguration<Kap.Domain.Integration.IntegrationNote>
{
    public void Configure(EntityTypeBuilder<Kap.Domain.Integration.IntegrationNote> builder)
    {
        builder.ToTable("IntegrationNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Experience).HasMaxLength(Kap.Domain.Integration.IntegrationNote.MaxTextLength);
        builder.Property(n => n.Insights).HasMaxLength(Kap.Domain.Integration.IntegrationNote.MaxTextLength);
        builder.Property(n => n.Homework).HasMaxLength(Kap.Domain.Integration.IntegrationNote.MaxTextLength);
        builder.Property(n => n.RiskNote).HasMaxLength(Kap.Domain.Integration.IntegrationNote.MaxTextLength);
        builder.Property(n => n.Themes).HasMaxLength(Kap.Domain.Integration.IntegrationNote.MaxThemesLength);
        builder.Ignore(n => n.ThemeList);
        builder.Ignore(n => n.RequiresRiskAssessment);
        builder.HasOne<Course>().WithMany().HasForeignKey(n => n.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Kap.Domain.Dosing.DosingSession>().WithMany().HasForeignKey(n => n.DosingSessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => new { n.CourseId, n.HeldAtUtc });
        builder.HasIndex(n => new { n.CourseId, n.RiskCheck });
        builder.HasIndex(n => n.AppointmentId).IsUnique();
    }
}
