using Kap.Application.Common.Identity;
using Kap.Domain.Auditing;
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
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Kap.Application.Common.Interfaces;

public interface IKapDbContext : IAsyncDisposable
{
    DbSet<Patient> Patients { get; }
    DbSet<Course> Courses { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<Invitation> Invitations { get; }
    DbSet<Appointment> Appointments { get; }
    DbSet<Room> Rooms { get; }
    DbSet<Reminder> Reminders { get; }
    DbSet<InboxMessage> InboxMessages { get; }
    DbSet<ConsentDocument> ConsentDocuments { get; }
    DbSet<ConsentSignature> ConsentSignatures { get; }
    DbSet<SuitabilityAssessment> SuitabilityAssessments { get; }
    DbSet<PreparationNote> PreparationNotes { get; }
    DbSet<Kap.Domain.Integration.IntegrationNote> IntegrationNotes { get; }
    DbSet<Kap.Domain.Portal.AppointmentRequest> AppointmentRequests { get; }
    DbSet<Kap.Domain.Auditing.EmergencyAccess> EmergencyAccesses { get; }
    DbSet<Kap.Domain.Portal.CalendarFeed> CalendarFeeds { get; }
    DbSet<Kap.Domain.Portal.QuestionnaireDraft> QuestionnaireDrafts { get; }
    DbSet<RiskAssessment> RiskAssessments { get; }
    DbSet<MedicalClearance> MedicalClearances { get; }
    DbSet<DosePlan> DosePlans { get; }
    DbSet<MeasureRecord> MeasureRecords { get; }
    DbSet<DosingSession> DosingSessions { get; }
    DbSet<SessionAdministration> SessionAdministrations { get; }
    DbSet<SessionVitals> SessionVitals { get; }
    DbSet<SedationEntry> SedationEntries { get; }
    DbSet<DissociationEntry> DissociationEntries { get; }
    DbSet<SessionNote> SessionNotes { get; }
    DbSet<AdverseEvent> AdverseEvents { get; }
    DbSet<StockLot> StockLots { get; }
    DbSet<LedgerEntry> LedgerEntries { get; }
    DbSet<InventoryCount> InventoryCounts { get; }
    DbSet<KapUser> Users { get; }
    DbSet<IdentityRole<Guid>> Roles { get; }
    DbSet<IdentityUserRole<Guid>> UserRoles { get; }

    DatabaseFacade Database { get; }

    ChangeTracker ChangeTracker { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}

/// <summary>A new context for each operation: a Blazor Server circuit must never share one.</summary>
public interface IKapDbContextFactory
{
    Task<IKapDbContext> CreateAsync(CancellationToken cancellationToken = default);
}
