using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Planning.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class CancelledFilings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cancelled_filings",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    joint_id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agencies = table.Column<List<string>>(type: "text[]", nullable: false),
                    window_start = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    cancelled_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cancelled_filings", x => x.filing_no);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cancelled_filings_credit_code",
                table: "cancelled_filings",
                column: "credit_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cancelled_filings");
        }
    }
}
