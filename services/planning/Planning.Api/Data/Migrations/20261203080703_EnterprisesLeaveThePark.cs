using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnterprisesLeaveThePark : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateTable(
                name: "cancelled_visits",
                columns: table => new
                {
                    joint_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    period = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    day = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cancelled_by = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cancelled_visits", x => x.joint_id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cancelled_visits_period",
                table: "cancelled_visits",
                column: "period");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cancelled_visits");

            migrationBuilder.DropColumn(
                name: "left_on",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "left_reason",
                table: "enterprises");
        }
    }
}
