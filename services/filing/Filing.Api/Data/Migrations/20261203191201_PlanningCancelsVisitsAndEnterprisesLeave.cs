using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class PlanningCancelsVisitsAndEnterprisesLeave : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancellation_reason",
                table: "scheduled_visits",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancelled_at",
                table: "scheduled_visits",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "cancellation_reason",
                table: "filings",
                type: "character varying(600)",
                maxLength: 600,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(500)",
                oldMaxLength: 500,
                oldNullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                table: "enterprises",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "left_reason",
                table: "enterprises",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "cancellation_reason",
                table: "scheduled_visits");

            migrationBuilder.DropColumn(
                name: "cancelled_at",
                table: "scheduled_visits");

            migrationBuilder.DropColumn(
                name: "left_on",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "left_reason",
                table: "enterprises");

            migrationBuilder.AlterColumn<string>(
                name: "cancellation_reason",
                table: "filings",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(600)",
                oldMaxLength: 600,
                oldNullable: true);
        }
    }
}
