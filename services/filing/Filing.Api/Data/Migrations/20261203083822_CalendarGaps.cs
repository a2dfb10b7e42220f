using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "calendar_missing_for",
                table: "emergency_pre_filings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "deadline_counts_from",
                table: "emergency_pre_filings",
                type: "date",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_emergency_pre_filings_calendar_missing_for",
                table: "emergency_pre_filings",
                column: "calendar_missing_for",
                filter: "calendar_missing_for IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_emergency_pre_filings_calendar_missing_for",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "calendar_missing_for",
                table: "emergency_pre_filings");

            migrationBuilder.DropColumn(
                name: "deadline_counts_from",
                table: "emergency_pre_filings");
        }
    }
}
