using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class DosingAndLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DosingSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AppointmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    PrescriberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DosePlanId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Route = table.Column<int>(type: "int", nullable: false),
                    Basis = table.Column<int>(type: "int", nullable: false),
                    PlannedAmount = table.Column<decimal>(type: "decimal(8,3)", precision: 8, scale: 3, nullable: false),
                    InfusionMinutes = table.Column<int>(type: "int", nullable: true),
                    WeightKg = table.Column<decimal>(type: "decimal(6,2)", precision: 6, scale: 2, nullable: true),
                    WeightRecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PlannedDoseMg = table.Column<decimal>(type: "decimal(8,2)", precision: 8, scale: 2, nullable: false),
                    DoseArithmetic = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    FastingConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    EscortConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    NoAlcohol24HoursConfirmed = table.Column<bool>(type: "bit", nullable: false),
                    MedicationFlagsReviewed = table.Column<bool>(type: "bit", nullable: false),
                    BaselineMoaas = table.Column<int>(type: "int", nullable: false),
                    PreDoseSystolic = table.Column<int>(type: "int", nullable: false),
                    PreDoseDiastolic = table.Column<int>(type: "int", nullable: false),
                    BpOverrideReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    BpOverrideBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BpOverrideAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    HoursSinceLastDose = table.Column<double>(type: "float", nullable: true),
                    InfusionEndedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Status = table.Column<int>(type: "int", nullable: false),
                    EndedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AlertAndOriented = table.Column<bool>(type: "bit", nullable: false),
                    ToleratingFluids = table.Column<bool>(type: "bit", nullable: false),
                    MinimalNausea = table.Column<bool>(type: "bit", nullable: false),
                    EscortPresent = table.Column<bool>(type: "bit", nullable: false),
                    EndNote = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DosingSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DosingSessions_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "StockLots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Substance = table.Column<int>(type: "int", nullable: false),
                    Form = table.Column<int>(type: "int", nullable: false),
                    StrengthMgPerMl = table.Column<decimal>(type: "decimal(10,3)", precision: 10, scale: 3, nullable: false),
                    VolumeMlPerContainer = table.Column<decimal>(type: "decimal(10,3)", precision: 10, scale: 3, nullable: false),
                    ContainersReceived = table.Column<int>(type: "int", nullable: false),
                    LotNumber = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SupplierName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SupplierAddress = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    SupplierDeaNumber = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReceivedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StockLots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AdverseEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Type = table.Column<int>(type: "int", nullable: false),
                    Severity = table.Column<int>(type: "int", nullable: false),
                    OccurredAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActionTaken = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdverseEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AdverseEvents_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DissociationEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientEntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Form = table.Column<int>(type: "int", nullable: false),
                    Responses = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Total = table.Column<int>(type: "int", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DissociationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DissociationEntries_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SedationEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientEntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Score = table.Column<int>(type: "int", nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SedationEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SedationEntries_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionNotes_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionVitals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ClientEntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Systolic = table.Column<int>(type: "int", nullable: false),
                    Diastolic = table.Column<int>(type: "int", nullable: false),
                    HeartRate = table.Column<int>(type: "int", nullable: false),
                    SpO2 = table.Column<int>(type: "int", nullable: false),
                    RespiratoryRate = table.Column<int>(type: "int", nullable: true),
                    Alert = table.Column<int>(type: "int", nullable: false),
                    IsPreDose = table.Column<bool>(type: "bit", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionVitals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionVitals_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "InventoryCounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LotId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CountedMg = table.Column<decimal>(type: "decimal(12,3)", precision: 12, scale: 3, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Timing = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InventoryCounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InventoryCounts_StockLots_LotId",
                        column: x => x.LotId,
                        principalTable: "StockLots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LedgerEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LotId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    QuantityMg = table.Column<decimal>(type: "decimal(12,3)", precision: 12, scale: 3, nullable: false),
                    QuantityMl = table.Column<decimal>(type: "decimal(12,4)", precision: 12, scale: 4, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Manner = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    FirstWitnessId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SecondWitnessId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Form41Reference = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    CorrectsEntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LedgerEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_LedgerEntries_CorrectsEntryId",
                        column: x => x.CorrectsEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LedgerEntries_StockLots_LotId",
                        column: x => x.LotId,
                        principalTable: "StockLots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SessionAdministrations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LotId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    LedgerEntryId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Route = table.Column<int>(type: "int", nullable: false),
                    Mg = table.Column<decimal>(type: "decimal(10,3)", precision: 10, scale: 3, nullable: false),
                    Ml = table.Column<decimal>(type: "decimal(10,4)", precision: 10, scale: 4, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    GivenBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsBooster = table.Column<bool>(type: "bit", nullable: false),
                    CumulativeMg = table.Column<decimal>(type: "decimal(10,3)", precision: 10, scale: 3, nullable: false),
                    CumulativeMgPerKg = table.Column<decimal>(type: "decimal(10,4)", precision: 10, scale: 4, nullable: true),
                    Arithmetic = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    CeilingOverrideReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CeilingOverrideBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CeilingOverrideAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SessionAdministrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SessionAdministrations_DosingSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAdministrations_LedgerEntries_LedgerEntryId",
                        column: x => x.LedgerEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SessionAdministrations_StockLots_LotId",
                        column: x => x.LotId,
                        principalTable: "StockLots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_CourseId",
                table: "AdverseEvents",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_AdverseEvents_SessionId",
                table: "AdverseEvents",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_DissociationEntries_SessionId_ClientEntryId",
                table: "DissociationEntries",
                columns: new[] { "SessionId", "ClientEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DosingSessions_AppointmentId",
                table: "DosingSessions",
                column: "AppointmentId");

            migrationBuilder.CreateIndex(
                name: "IX_DosingSessions_CourseId_StartedAtUtc",
                table: "DosingSessions",
                columns: new[] { "CourseId", "StartedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_InventoryCounts_LotId_AtUtc",
                table: "InventoryCounts",
                columns: new[] { "LotId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_AtUtc",
                table: "LedgerEntries",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_CorrectsEntryId",
                table: "LedgerEntries",
                column: "CorrectsEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_LotId_AtUtc",
                table: "LedgerEntries",
                columns: new[] { "LotId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_SessionId",
                table: "LedgerEntries",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SedationEntries_SessionId_ClientEntryId",
                table: "SedationEntries",
                columns: new[] { "SessionId", "ClientEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SessionAdministrations_LedgerEntryId",
                table: "SessionAdministrations",
                column: "LedgerEntryId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAdministrations_LotId",
                table: "SessionAdministrations",
                column: "LotId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionAdministrations_SessionId_AtUtc",
                table: "SessionAdministrations",
                columns: new[] { "SessionId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionNotes_SessionId",
                table: "SessionNotes",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_SessionVitals_SessionId_AtUtc",
                table: "SessionVitals",
                columns: new[] { "SessionId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SessionVitals_SessionId_ClientEntryId",
                table: "SessionVitals",
                columns: new[] { "SessionId", "ClientEntryId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StockLots_ReceivedAtUtc",
                table: "StockLots",
                column: "ReceivedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AdverseEvents");

            migrationBuilder.DropTable(
                name: "DissociationEntries");

            migrationBuilder.DropTable(
                name: "InventoryCounts");

            migrationBuilder.DropTable(
                name: "SedationEntries");

            migrationBuilder.DropTable(
                name: "SessionAdministrations");

            migrationBuilder.DropTable(
                name: "SessionNotes");

            migrationBuilder.DropTable(
                name: "SessionVitals");

            migrationBuilder.DropTable(
                name: "LedgerEntries");

            migrationBuilder.DropTable(
                name: "DosingSessions");

            migrationBuilder.DropTable(
                name: "StockLots");
        }
    }
}
