using Kap.Domain.Consent;
using Kap.Domain.Courses;
using Kap.Domain.Screening;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class ConsentDocumentConfiguration : IEntityTypeConfiguration<ConsentDocument>
{
    public void Configure(EntityTypeBuilder<ConsentDocument> builder)
    {
        builder.ToTable("ConsentDocuments");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Title).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.HasIndex(d => d.VersionNumber).IsUnique();
    }
}

internal sealed class ConsentSignatureConfiguration : IEntityTypeConfiguration<ConsentSignature>
{
    public void Configure(EntityTypeBuilder<ConsentSignature> builder)
    {
        builder.ToTable("ConsentSignatures");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.PatientTypedName).HasMaxLength(200).IsRequired();
        builder.Ignore(s => s.IsComplete);
        builder.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ConsentDocument>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CourseId, s.VersionNumber });
    }
}

internal sealed class SuitabilityAssessmentConfiguration : IEntityTypeConfiguration<SuitabilityAssessment>
{
    public void Configure(EntityTypeBuilder<SuitabilityAssessment> builder)
    {
        builder.ToTable("SuitabilityAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.PriorTreatments).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.SupportNetwork).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.Goals).HasMaxLength(4000).IsRequired();
        builder.Property(a => a.Note).HasMaxLength(4000);
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CourseId, a.AssessedAtUtc });
    }
}

internal sealed class PreparationNoteConfiguration : IEntityTypeConfiguration<PreparationNote>
{
    public void Configure(EntityTypeBuilder<PreparationNote> builder)
    {
        builder.ToTable("PreparationNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Intentions).HasMaxLength(4000).IsRequired();
        builder.Property(n => n.Notes).HasMaxLength(10_000);
        builder.HasOne<Course>().WithMany().HasForeignKey(n => n.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(n => n.CourseId);
        builder.HasIndex(n => n.AppointmentId);
    }
}

internal sealed class RiskAssessmentConfiguration : IEntityTypeConfiguration<RiskAssessment>
{
    public void Configure(EntityTypeBuilder<RiskAssessment> builder)
    {
        builder.ToTable("RiskAssessments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Note).HasMaxLength(10_000).IsRequired();
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.CourseId, a.AssessedAtUtc });
    }
}
