using Kap.Application.Common.Identity;
using Kap.Application.Common.Interfaces;
using Kap.Domain.Auditing;
using Kap.Domain.Common;
using Kap.Domain.Consent;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Kap.Domain.Screening;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Kap.Infrastructure.Persistence;

public sealed class KapDbContext(DbContextOptions<KapDbContext> options)
    : IdentityDbContext<KapUser, IdentityRole<Guid>, Guid>(options), IKapDbContext, IDataProtectionKeyContext
{
    /// <summary>Data Protection keys live in the database so that every Kap instance can read every cookie.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Patient> Patients => Set<Patient>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Reminder> Reminders => Set<Reminder>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<ConsentDocument> ConsentDocuments => Set<ConsentDocument>();
    public DbSet<ConsentSignature> ConsentSignatures => Set<ConsentSignature>();
    public DbSet<SuitabilityAssessment> SuitabilityAssessments => Set<SuitabilityAssessment>();
    public DbSet<PreparationNote> PreparationNotes => Set<PreparationNote>();
    public DbSet<Kap.Domain.Integration.IntegrationNote> IntegrationNotes => Set<Kap.Domain.Integration.IntegrationNote>();
    public DbSet<Kap.Domain.Portal.AppointmentRequest> AppointmentRequests => Set<Kap.Domain.Portal.AppointmentRequest>();
    public DbSet<Kap.Domain.Auditing.EmergencyAccess> EmergencyAccesses => Set<Kap.Domain.Auditing.EmergencyAccess>();
    public DbSet<Kap.Domain.Portal.CalendarFeed> CalendarFeeds => Set<Kap.Domain.Portal.CalendarFeed>();
    public DbSet<Kap.Domain.Portal.QuestionnaireDraft> QuestionnaireDrafts => Set<Kap.Domain.Portal.QuestionnaireDraft>();
    public DbSet<RiskAssessment> RiskAssessments => Set<RiskAssessment>();
    public DbSet<MedicalClearance> MedicalClearances => Set<MedicalClearance>();
    public DbSet<DosePlan> DosePlans => Set<DosePlan>();
    public DbSet<MeasureRecord> MeasureRecords => Set<MeasureRecord>();
    public DbSet<DosingSession> DosingSessions => Set<DosingSession>();
    public DbSet<SessionAdministration> SessionAdministrations => Set<SessionAdministration>();
    public DbSet<SessionVitals> SessionVitals => Set<SessionVitals>();
    public DbSet<SedationEntry> SedationEntries => Set<SedationEntry>();
    public DbSet<DissociationEntry> DissociationEntries => Set<DissociationEntry>();
    public DbSet<SessionNote> SessionNotes => Set<SessionNote>();
    public DbSet<AdverseEvent> AdverseEvents => Set<AdverseEvent>();
    public DbSet<StockLot> StockLots => Set<StockLot>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<InventoryCount> InventoryCounts => Set<InventoryCount>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(KapDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC and read back marked as UTC (SQLite keeps no kind).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<NullableUtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void BeforeSave()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEntry && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException("Audit entries are append-only: they are never changed or deleted.");
            }

            // The controlled-substance log and the bedside entries are kept as written (domain.md §7):
            // a correction is a new entry that references the old one.
            var appendOnly = entry.Entity is StockLot or LedgerEntry or InventoryCount or SessionAdministration or Kap.Domain.Dosing.SessionVitals or SedationEntry
                or DissociationEntry or AdverseEvent or SessionNote or Kap.Domain.Integration.IntegrationNote or Kap.Domain.Courses.CoursePlanRevision or Kap.Domain.Auditing.EmergencyAccess;
            if (appendOnly && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException($"{entry.Entity.GetType().Name} records are append-only: they are never changed or deleted.");
            }

            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified)
            {
                versioned.Version = Guid.NewGuid();
            }
        }
    }
}

internal sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

internal sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.Value.ToUniversalTime(), DateTimeKind.Utc),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
