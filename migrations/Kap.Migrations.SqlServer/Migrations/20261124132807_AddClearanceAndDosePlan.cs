using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddClearanceAndDosePlan : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DosePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PrescriberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Route = table.Column<int>(type: "int", nullable: false),
                    Basis = table.Column<int>(type: "int", nullable: false),
                    PlannedAmount = table.Column<decimal>(type: "decimal(8,3)", precision: 8, scale: 3, nullable: false),
                    InfusionMinutes = table.Column<int>(type: "int", nullable: true),
                    CeilingOverrideReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CeilingOverrideBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CeilingOverrideAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    PlannedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PlannedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DosePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DosePlans_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MedicalClearances",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PrescriberId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    VitalsRecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CardiacVascularHistory = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    PregnancyStatus = table.Column<int>(type: "int", nullable: false),
                    Allergies = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    MedicationsRecorded = table.Column<bool>(type: "bit", nullable: false),
                    SignedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    SignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Version = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DiastolicMmHg = table.Column<int>(type: "int", nullable: true),
                    HeartRateBpm = table.Column<int>(type: "int", nullable: true),
                    HeightCm = table.Column<decimal>(type: "decimal(6,2)", precision: 6, scale: 2, nullable: true),
                    SystolicMmHg = table.Column<int>(type: "int", nullable: true),
                    WeightKg = table.Column<decimal>(type: "decimal(6,2)", precision: 6, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MedicalClearances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MedicalClearances_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ClearanceFindings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Contraindication = table.Column<int>(type: "int", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    OverrideReason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    OverrideBy = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    OverrideAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClearanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClearanceFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClearanceFindings_MedicalClearances_ClearanceId",
                        column: x => x.ClearanceId,
                        principalTable: "MedicalClearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClearanceMedications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Dose = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Interactions = table.Column<int>(type: "int", nullable: false),
                    ClearanceId = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClearanceMedications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClearanceMedications_MedicalClearances_ClearanceId",
                        column: x => x.ClearanceId,
                        principalTable: "MedicalClearances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceFindings_ClearanceId",
                table: "ClearanceFindings",
                column: "ClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_ClearanceMedications_ClearanceId",
                table: "ClearanceMedications",
                column: "ClearanceId");

            migrationBuilder.CreateIndex(
                name: "IX_DosePlans_CourseId_PlannedAtUtc",
                table: "DosePlans",
                columns: new[] { "CourseId", "PlannedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MedicalClearances_CourseId_StartedAtUtc",
                table: "MedicalClearances",
                columns: new[] { "CourseId", "StartedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClearanceFindings");

            migrationBuilder.DropTable(
                name: "ClearanceMedications");

            migrationBuilder.DropTable(
                name: "DosePlans");

            migrationBuilder.DropTable(
                name: "MedicalClearances");
        }
    }
}
