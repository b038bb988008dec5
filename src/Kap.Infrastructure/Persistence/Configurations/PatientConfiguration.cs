using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.LegalName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.PreferredName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Mobile).HasMaxLength(32);
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.DisplayName);
        builder.ComplexProperty(p => p.SupportPerson, s =>
        {
            s.Property(x => x.Name).HasColumnName("SupportPersonName").HasMaxLength(200).IsRequired();
            s.Property(x => x.Relationship).HasColumnName("SupportPersonRelationship").HasMaxLength(100).IsRequired();
            s.Property(x => x.Phone).HasColumnName("SupportPersonPhone").HasMaxLength(32).IsRequired();
            s.Property(x => x.Email).HasColumnName("SupportPersonEmail").HasMaxLength(256);
        });
        builder.HasIndex(p => p.LegalName);
        builder.HasIndex(p => p.UserId).IsUnique();
        builder.HasIndex(p => p.RegisteredBy);
    }
}
