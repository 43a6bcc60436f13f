import type { JsonLdEntityKind } from '../spec/fetcher.ts';

// schema.org types that describe an organization: Organization, its direct subtypes, and the
// LocalBusiness subtypes sites actually use. The full LocalBusiness tree has ~150 leaves; the
// suffix rule in `entityKindForType` catches most of the rest ("…Store", "…Business").
const ORGANIZATION_TYPES = [
  'Organization',
  'Airline',
  'Consortium',
  'Corporation',
  'EducationalOrganization',
  'CollegeOrUniversity',
  'ElementarySchool',
  'HighSchool',
  'MiddleSchool',
  'Preschool',
  'School',
  'FundingScheme',
  'GovernmentOrganization',
  'LibrarySystem',
  'LocalBusiness',
  'MedicalOrganization',
  'NGO',
  'NewsMediaOrganization',
  'OnlineBusiness',
  'OnlineStore',
  'PerformingGroup',
  'PoliticalParty',
  'Project',
  'FundingAgency',
  'ResearchProject',
  'ResearchOrganization',
  'SearchRescueOrganization',
  'SportsOrganization',
  'SportsTeam',
  'WorkersUnion',
  // LocalBusiness subtypes
  'AnimalShelter',
  'ArchiveOrganization',
  'AutomotiveBusiness',
  'AutoDealer',
  'AutoRepair',
  'ChildCare',
  'Dentist',
  'DryCleaningOrLaundry',
  'EmergencyService',
  'EmploymentAgency',
  'EntertainmentBusiness',
  'FinancialService',
  'AccountingService',
  'AutomatedTeller',
  'BankOrCreditUnion',
  'InsuranceAgency',
  'FoodEstablishment',
  'Bakery',
  'BarOrPub',
  'Brewery',
  'CafeOrCoffeeShop',
  'FastFoodRestaurant',
  'Restaurant',
  'Winery',
  'GovernmentOffice',
  'HealthAndBeautyBusiness',
  'HomeAndConstructionBusiness',
  'Electrician',
  'GeneralContractor',
  'Plumber',
  'RoofingContractor',
  'InternetCafe',
  'LegalService',
  'Attorney',
  'Notary',
  'Library',
  'LodgingBusiness',
  'Hotel',
  'Motel',
  'Resort',
  'MedicalBusiness',
  'MedicalClinic',
  'Pharmacy',
  'Physician',
  'ProfessionalService',
  'RadioStation',
  'RealEstateAgent',
  'RecyclingCenter',
  'SelfStorage',
  'ShoppingCenter',
  'SportsActivityLocation',
  'Store',
  'TelevisionStation',
  'TouristInformationCenter',
  'TravelAgency',
  'Hospital',
  'Optician',
];

const PERSON_TYPES = ['Person', 'Patient'];
const WEBSITE_TYPES = ['WebSite'];

const KIND_BY_TYPE = new Map<string, JsonLdEntityKind>([
  ...ORGANIZATION_TYPES.map((type) => [type.toLowerCase(), 'organization'] as const),
  ...PERSON_TYPES.map((type) => [type.toLowerCase(), 'person'] as const),
  ...WEBSITE_TYPES.map((type) => [type.toLowerCase(), 'website'] as const),
]);

/**
 * Strips a vocabulary prefix from a JSON-LD type: `http://schema.org/Corporation`,
 * `https://schema.org/Corporation` and `schema:Corporation` all become `Corporation`.
 */
export function bareTypeName(type: string): string {
  return type
    .trim()
    .replace(/^https?:\/\/(www\.)?schema\.org\//i, '')
    .replace(/^schema:/i, '');
}

/** The entity family of a bare schema.org type name, or null for types we do not collect. */
export function entityKindForType(type: string): JsonLdEntityKind | null {
  const known = KIND_BY_TYPE.get(type.toLowerCase());
  if (known) return known;
  return /(Organization|Organisation|Business|Store|Agency|Company)$/.test(type) ? 'organization' : null;
}
