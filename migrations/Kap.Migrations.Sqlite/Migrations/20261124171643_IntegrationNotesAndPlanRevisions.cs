using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IntegrationNotesAndPlanRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CoursePlanRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DosingSessionsBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    DosingSessionsAfter = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ByUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CoursePlanRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CoursePlanRevisions_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IntegrationNotes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CourseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    DosingSessionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    AppointmentId = table.Column<Guid>(type: "TEXT", nullable: true),
                    HeldAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Experience = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Insights = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Homework = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RiskCheck = table.Column<int>(type: "INTEGER", nullable: false),
                    RiskNote = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntegrationNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntegrationNotes_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IntegrationNotes_DosingSessions_DosingSessionId",
                        column: x => x.DosingSessionId,
                        principalTable: "DosingSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CoursePlanRevisions_CourseId",
                table: "CoursePlanRevisions",
                column: "CourseId");

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationNotes_AppointmentId",
                table: "IntegrationNotes",
                column: "AppointmentId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationNotes_CourseId_HeldAtUtc",
                table: "IntegrationNotes",
                columns: new[] { "CourseId", "HeldAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationNotes_CourseId_RiskCheck",
                table: "IntegrationNotes",
                columns: new[] { "CourseId", "RiskCheck" });

            migrationBuilder.CreateIndex(
                name: "IX_IntegrationNotes_DosingSessionId",
                table: "IntegrationNotes",
                column: "DosingSessionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CoursePlanRevisions");

            migrationBuilder.DropTable(
                name: "IntegrationNotes");
        }
    }
}
