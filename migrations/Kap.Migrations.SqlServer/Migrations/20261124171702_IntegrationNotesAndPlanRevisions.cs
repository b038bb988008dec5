using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.SqlServer.Migrations
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    DosingSessionsBefore = table.Column<int>(type: "int", nullable: false),
                    DosingSessionsAfter = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ByUserId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
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
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    DosingSessionId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AppointmentId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    HeldAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Experience = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: false),
                    Insights = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    Themes = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Homework = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    RiskCheck = table.Column<int>(type: "int", nullable: false),
                    RiskNote = table.Column<string>(type: "nvarchar(max)", maxLength: 8000, nullable: true),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
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
                unique: true,
                filter: "[AppointmentId] IS NOT NULL");

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
