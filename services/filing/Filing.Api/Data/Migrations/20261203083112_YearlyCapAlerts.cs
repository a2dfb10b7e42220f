using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Filing.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class YearlyCapAlerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "yearly_cap_alerts",
                columns: table => new
                {
                    filing_no = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    enterprise_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    lead_agency = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    matter_codes = table.Column<List<string>>(type: "text[]", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_yearly_cap_alerts", x => x.filing_no);
                });

            migrationBuilder.CreateIndex(
                name: "ix_yearly_cap_alerts_raised_at_filing_no",
                table: "yearly_cap_alerts",
                columns: new[] { "raised_at", "filing_no" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "yearly_cap_alerts");
        }
    }
}
