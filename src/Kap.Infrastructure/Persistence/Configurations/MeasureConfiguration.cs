using Kap.Domain.Courses;
using Kap.Domain.Measures;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class MeasureRecordConfiguration : IEntityTypeConfiguration<MeasureRecord>
{
    public void Configure(EntityTypeBuilder<MeasureRecord> builder)
    {
        builder.ToTable("MeasureRecords");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Responses).HasMaxLength(200).IsRequired();
        builder.HasOne<Course>().WithMany().HasForeignKey(m => m.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(m => new { m.CourseId, m.Instrument, m.TakenAtUtc });
        builder.HasIndex(m => new { m.PatientId, m.TakenAtUtc });
    }
}
