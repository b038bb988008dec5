using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kap.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class AddMeasureRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeasureRecords",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CourseId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    PatientId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Instrument = table.Column<int>(type: "int", nullable: false),
                    Responses = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    IsValid = table.Column<bool>(type: "bit", nullable: false),
                    Total = table.Column<int>(type: "int", nullable: true),
                    Band = table.Column<int>(type: "int", nullable: true),
                    SuicideRiskAlert = table.Column<bool>(type: "bit", nullable: false),
                    CssrsRisk = table.Column<int>(type: "int", nullable: true),
                    ProbablePtsd = table.Column<bool>(type: "bit", nullable: true),
                    RequiresRiskAssessment = table.Column<bool>(type: "bit", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    TakenAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeasureRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeasureRecords_Courses_CourseId",
                        column: x => x.CourseId,
                        principalTable: "Courses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureRecords_CourseId_Instrument_TakenAtUtc",
                table: "MeasureRecords",
                columns: new[] { "CourseId", "Instrument", "TakenAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_MeasureRecords_PatientId_TakenAtUtc",
                table: "MeasureRecords",
                columns: new[] { "PatientId", "TakenAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeasureRecords");
        }
    }
}
