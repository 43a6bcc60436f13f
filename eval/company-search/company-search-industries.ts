/**
 * The industries of the company-search eval set. Each has two segments with their own words for
 * what they sell and to whom, so a query can name one segment, the industry, or say it in words
 * the profiles do not all use. Queries are written the way users write them: loosely.
 */
export interface IndustrySegment {
  key: string;
  products: string[];
  audiences: string[];
  describe: string[];
}

export interface Industry {
  key: string;
  nameParts: string[];
  nameSuffixes: string[];
  segments: [IndustrySegment, IndustrySegment];
  /** Words any company of the industry may use in its full description. */
  common: string[];
  /** Queries about the whole industry; `{country}` is replaced by a country for the country variant. */
  queries: string[];
  countryQuery: string;
}

export const INDUSTRIES: Industry[] = [
  {
    key: 'payroll',
    nameParts: ['Pay', 'Salar', 'Wage', 'Ledger', 'Paystub'],
    nameSuffixes: ['ly', 'io', 'flow', 'desk', 'hub'],
    segments: [
      {
        key: 'payroll-smb',
        products: ['payroll software', 'payslip generation', 'payroll tax filing', 'salary payments'],
        audiences: ['small businesses', 'HR managers at SMEs', 'bookkeepers'],
        describe: ['runs payroll for small businesses', 'automates salary payments and payslips'],
      },
      {
        key: 'payroll-global',
        products: ['global payroll', 'employer of record services', 'contractor payments', 'payroll compliance'],
        audiences: ['remote-first companies', 'HR teams hiring abroad', 'people operations leaders'],
        describe: ['pays international teams in local currencies', 'handles payroll compliance across borders'],
      },
    ],
    common: ['HR', 'employees', 'compensation', 'benefits administration'],
    queries: ['payroll software', 'pay employees and contractors abroad', 'salary and payslip automation for small businesses'],
    countryQuery: 'payroll software in {country}',
  },
  {
    key: 'security',
    nameParts: ['Shield', 'Cipher', 'Bastion', 'Sentinel', 'Aegis'],
    nameSuffixes: ['sec', 'guard', 'labs', 'ops', 'wall'],
    segments: [
      {
        key: 'security-endpoint',
        products: ['endpoint protection', 'ransomware detection', 'EDR platform', 'threat hunting'],
        audiences: ['IT security teams', 'CISOs', 'managed service providers'],
        describe: ['stops ransomware on laptops and servers', 'detects attacks on endpoints'],
      },
      {
        key: 'security-cloud',
        products: ['cloud security posture management', 'vulnerability scanning', 'penetration testing', 'SOC 2 compliance automation'],
        audiences: ['DevOps teams', 'security engineers', 'SaaS companies'],
        describe: ['finds misconfigurations in cloud accounts', 'scans applications for vulnerabilities'],
      },
    ],
    common: ['cybersecurity', 'threats', 'security operations'],
    queries: ['cybersecurity companies', 'ransomware protection for IT teams', 'cloud vulnerability scanning and compliance'],
    countryQuery: 'cybersecurity vendors in {country}',
  },
  {
    key: 'robotics',
    nameParts: ['Grip', 'Robo', 'Pick', 'Servo', 'Auton'],
    nameSuffixes: ['bot', 'motion', 'works', 'robotics', 'mech'],
    segments: [
      {
        key: 'robotics-warehouse',
        products: ['warehouse robots', 'autonomous mobile robots', 'robotic picking arms', 'fleet management software'],
        audiences: ['fulfilment centres', 'third-party logistics providers', 'retail distribution centres'],
        describe: ['builds robots that pick and pack orders', 'automates warehouse picking with mobile robots'],
      },
      {
        key: 'robotics-industrial',
        products: ['collaborative robots', 'robotic welding cells', 'machine tending robots', 'industrial automation'],
        audiences: ['manufacturers', 'automotive suppliers', 'metal fabrication shops'],
        describe: ['makes cobots for factory floors', 'automates welding and machine tending'],
      },
    ],
    common: ['robotics', 'automation', 'sensors'],
    queries: ['warehouse automation robots', 'robotics companies', 'cobots for manufacturing plants'],
    countryQuery: 'robotics startups in {country}',
  },
  {
    key: 'freight',
    nameParts: ['Cargo', 'Freight', 'Haul', 'Route', 'Convoy'],
    nameSuffixes: ['link', 'line', 'way', 'move', 'port'],
    segments: [
      {
        key: 'freight-forwarding',
        products: ['ocean freight forwarding', 'air freight', 'customs brokerage', 'container shipping'],
        audiences: ['importers', 'exporters', 'manufacturers shipping overseas'],
        describe: ['moves containers between ports', 'handles customs clearance for importers'],
      },
      {
        key: 'freight-trucking',
        products: ['truckload brokerage', 'last-mile delivery', 'less-than-truckload shipping', 'route optimisation software'],
        audiences: ['shippers', 'e-commerce retailers', 'carriers'],
        describe: ['matches shippers with trucking capacity', 'delivers parcels on the last mile'],
      },
    ],
    common: ['logistics', 'shipments', 'supply chain'],
    queries: ['freight forwarders', 'last mile delivery and trucking', 'customs brokerage for importers'],
    countryQuery: 'logistics companies in {country}',
  },
  {
    key: 'solar',
    nameParts: ['Sun', 'Helio', 'Photon', 'Solara', 'Bright'],
    nameSuffixes: ['power', 'volt', 'energy', 'grid', 'watt'],
    segments: [
      {
        key: 'solar-residential',
        products: ['rooftop solar installation', 'home battery storage', 'solar panels', 'EV charger installation'],
        audiences: ['homeowners', 'housing associations', 'residential developers'],
        describe: ['installs solar panels on homes', 'fits rooftop photovoltaic systems and batteries'],
      },
      {
        key: 'solar-utility',
        products: ['utility-scale solar farms', 'power purchase agreements', 'grid-scale battery storage', 'renewable project development'],
        audiences: ['utilities', 'corporate energy buyers', 'infrastructure investors'],
        describe: ['develops large solar parks', 'builds grid-scale renewable energy projects'],
      },
    ],
    common: ['renewable energy', 'clean power', 'photovoltaic'],
    queries: ['solar energy companies', 'rooftop solar installers for homeowners', 'utility scale renewable developers'],
    countryQuery: 'solar installers in {country}',
  },
  {
    key: 'veterinary',
    nameParts: ['Paw', 'Vet', 'Furry', 'Whisker', 'Tail'],
    nameSuffixes: ['care', 'clinic', 'health', 'friends', 'vets'],
    segments: [
      {
        key: 'vet-clinic',
        products: ['veterinary clinics', 'pet vaccinations', 'animal surgery', 'dental care for pets'],
        audiences: ['pet owners', 'dog and cat owners', 'families with pets'],
        describe: ['runs veterinary practices for cats and dogs', 'treats pets in neighbourhood clinics'],
      },
      {
        key: 'vet-software',
        products: ['veterinary practice management software', 'pet health records', 'appointment booking for vets', 'telehealth for pets'],
        audiences: ['veterinary practices', 'animal hospitals', 'vet groups'],
        describe: ['makes software for veterinary practices', 'digitises pet health records'],
      },
    ],
    common: ['veterinary', 'animal health', 'pets'],
    queries: ['veterinary clinics', 'software for vet practices', 'pet healthcare'],
    countryQuery: 'veterinary services in {country}',
  },
  {
    key: 'edtech',
    nameParts: ['Learn', 'Tutor', 'Study', 'Skill', 'Class'],
    nameSuffixes: ['ly', 'path', 'academy', 'up', 'room'],
    segments: [
      {
        key: 'edtech-k12',
        products: ['online tutoring', 'homework help app', 'math learning games', 'exam preparation'],
        audiences: ['school students', 'parents', 'K-12 schools'],
        describe: ['helps pupils learn maths online', 'connects students with tutors'],
      },
      {
        key: 'edtech-corporate',
        products: ['corporate training platform', 'learning management system', 'upskilling courses', 'compliance training'],
        audiences: ['L&D teams', 'HR departments', 'enterprises'],
        describe: ['trains employees with online courses', 'runs a learning platform for companies'],
      },
    ],
    common: ['education', 'e-learning', 'courses'],
    queries: ['online education platforms', 'tutoring for school students', 'employee training software'],
    countryQuery: 'edtech companies in {country}',
  },
  {
    key: 'legaltech',
    nameParts: ['Lex', 'Clause', 'Brief', 'Juris', 'Docket'],
    nameSuffixes: ['ly', 'ai', 'base', 'flow', 'desk'],
    segments: [
      {
        key: 'legal-contracts',
        products: ['contract lifecycle management', 'contract review AI', 'e-signature', 'clause library'],
        audiences: ['in-house legal teams', 'general counsel', 'procurement teams'],
        describe: ['reviews contracts with AI', 'manages contracts from drafting to signature'],
      },
      {
        key: 'legal-practice',
        products: ['law firm practice management', 'legal billing software', 'case management', 'legal research tools'],
        audiences: ['law firms', 'solicitors', 'barristers'],
        describe: ['runs billing and cases for law firms', 'helps lawyers research case law'],
      },
    ],
    common: ['legal', 'lawyers', 'compliance'],
    queries: ['legal tech', 'contract management software for legal teams', 'software for law firms'],
    countryQuery: 'legal software companies in {country}',
  },
  {
    key: 'brewery',
    nameParts: ['Hop', 'Barrel', 'Malt', 'Foam', 'Amber'],
    nameSuffixes: ['brewing', 'brew co', 'ales', 'beer works', 'craft'],
    segments: [
      {
        key: 'brewery-craft',
        products: ['craft beer', 'IPA', 'taproom', 'seasonal ales'],
        audiences: ['beer lovers', 'pubs and bars', 'bottle shops'],
        describe: ['brews small-batch craft beer', 'runs a taproom and brewery'],
      },
      {
        key: 'brewery-nonalcoholic',
        products: ['non-alcoholic beer', 'alcohol-free lager', 'low-alcohol drinks', 'kombucha'],
        audiences: ['health-conscious drinkers', 'supermarkets', 'restaurants'],
        describe: ['brews alcohol-free beers', 'makes low and no alcohol drinks'],
      },
    ],
    common: ['brewery', 'beverages', 'hops'],
    queries: ['craft breweries', 'alcohol free beer brands', 'beer makers'],
    countryQuery: 'breweries in {country}',
  },
  {
    key: 'dental',
    nameParts: ['Smile', 'Molar', 'Denti', 'Bright', 'Enamel'],
    nameSuffixes: ['dental', 'ortho', 'care', 'clinic', 'lab'],
    segments: [
      {
        key: 'dental-clinic',
        products: ['dental clinics', 'teeth whitening', 'dental implants', 'orthodontic aligners'],
        audiences: ['patients', 'families', 'adults seeking cosmetic dentistry'],
        describe: ['runs a chain of dental practices', 'offers implants and orthodontics'],
      },
      {
        key: 'dental-lab',
        products: ['dental laboratory', 'crowns and bridges', '3D printed dentures', 'intraoral scanners'],
        audiences: ['dentists', 'orthodontists', 'dental practices'],
        describe: ['manufactures crowns for dentists', 'prints dentures and aligners'],
      },
    ],
    common: ['dentistry', 'oral health', 'teeth'],
    queries: ['dental practices', 'dental labs serving dentists', 'orthodontics and implants'],
    countryQuery: 'dentists in {country}',
  },
  {
    key: 'insurtech',
    nameParts: ['Cover', 'Assure', 'Policy', 'Claim', 'Risk'],
    nameSuffixes: ['ly', 'wise', 'genius', 'mate', 'hub'],
    segments: [
      {
        key: 'insurance-consumer',
        products: ['car insurance', 'home insurance', 'renters insurance', 'pet insurance'],
        audiences: ['consumers', 'renters', 'drivers'],
        describe: ['sells insurance policies online', 'offers digital home and car insurance'],
      },
      {
        key: 'insurance-b2b',
        products: ['claims automation', 'underwriting software', 'insurance policy administration', 'fraud detection for insurers'],
        audiences: ['insurance carriers', 'brokers', 'MGAs'],
        describe: ['automates claims for insurers', 'gives underwriters better risk data'],
      },
    ],
    common: ['insurance', 'insurtech', 'premiums'],
    queries: ['insurtech companies', 'claims software for insurers', 'online car and home insurance'],
    countryQuery: 'insurance startups in {country}',
  },
  {
    key: 'proptech',
    nameParts: ['Home', 'Rent', 'Estate', 'Tenant', 'Keys'],
    nameSuffixes: ['ly', 'base', 'hub', 'flow', 'nest'],
    segments: [
      {
        key: 'property-management',
        products: ['property management software', 'rent collection', 'tenant screening', 'maintenance requests'],
        audiences: ['landlords', 'property managers', 'letting agents'],
        describe: ['helps landlords collect rent', 'manages rental properties and tenants'],
      },
      {
        key: 'real-estate-brokerage',
        products: ['real estate brokerage', 'home valuation', 'property listings', 'mortgage brokerage'],
        audiences: ['home buyers', 'home sellers', 'real estate investors'],
        describe: ['helps people buy and sell homes', 'values homes and lists properties'],
      },
    ],
    common: ['real estate', 'property', 'housing'],
    queries: ['property management software for landlords', 'real estate companies', 'rent collection and tenant screening'],
    countryQuery: 'proptech companies in {country}',
  },
  {
    key: 'marketing',
    nameParts: ['Brand', 'Spark', 'Pixel', 'Growth', 'Buzz'],
    nameSuffixes: ['agency', 'studio', 'media', 'lab', 'collective'],
    segments: [
      {
        key: 'marketing-performance',
        products: ['paid search advertising', 'performance marketing', 'SEO services', 'conversion rate optimisation'],
        audiences: ['e-commerce brands', 'D2C startups', 'online retailers'],
        describe: ['runs paid ads and SEO for online shops', 'grows revenue with performance marketing'],
      },
      {
        key: 'marketing-brand',
        products: ['brand strategy', 'video production', 'social media content', 'influencer campaigns'],
        audiences: ['consumer brands', 'marketing directors', 'startups launching products'],
        describe: ['creates brand campaigns and video', 'runs influencer and social media campaigns'],
      },
    ],
    common: ['marketing agency', 'campaigns', 'advertising'],
    queries: ['marketing agencies', 'SEO and paid ads agency for ecommerce', 'influencer marketing and video production'],
    countryQuery: 'marketing agencies in {country}',
  },
  {
    key: 'fitness',
    nameParts: ['Fit', 'Pulse', 'Core', 'Lift', 'Stride'],
    nameSuffixes: ['gym', 'studio', 'club', 'fitness', 'move'],
    segments: [
      {
        key: 'fitness-gyms',
        products: ['gyms', 'personal training', 'group fitness classes', 'yoga studio'],
        audiences: ['gym members', 'fitness enthusiasts', 'local residents'],
        describe: ['operates gyms and fitness studios', 'runs group classes and personal training'],
      },
      {
        key: 'fitness-apps',
        products: ['fitness app', 'workout tracking', 'connected exercise bike', 'wearable fitness tracker'],
        audiences: ['home exercisers', 'runners', 'athletes'],
        describe: ['makes a workout app', 'builds connected fitness equipment'],
      },
    ],
    common: ['fitness', 'exercise', 'wellness'],
    queries: ['gyms and fitness studios', 'workout apps and fitness trackers', 'fitness companies'],
    countryQuery: 'fitness businesses in {country}',
  },
  {
    key: 'agritech',
    nameParts: ['Agri', 'Crop', 'Field', 'Harvest', 'Soil'],
    nameSuffixes: ['sense', 'tech', 'data', 'grow', 'ops'],
    segments: [
      {
        key: 'agri-precision',
        products: ['precision agriculture', 'crop monitoring drones', 'soil sensors', 'farm management software'],
        audiences: ['farmers', 'agronomists', 'crop growers'],
        describe: ['monitors crops with drones and sensors', 'helps farmers apply fertiliser precisely'],
      },
      {
        key: 'agri-vertical',
        products: ['vertical farming', 'indoor hydroponics', 'greenhouse automation', 'fresh leafy greens'],
        audiences: ['grocery chains', 'restaurants', 'food distributors'],
        describe: ['grows greens indoors in vertical farms', 'automates greenhouses'],
      },
    ],
    common: ['agriculture', 'farming', 'food production'],
    queries: ['agtech companies', 'precision farming with drones and sensors', 'vertical farms growing greens indoors'],
    countryQuery: 'agriculture technology companies in {country}',
  },
];

/** Countries of the set, each with cities and the spellings profiles use for it. */
export const COUNTRIES: Array<{ name: string; spellings: string[]; cities: string[]; tld: string }> = [
  { name: 'United States', spellings: ['United States', 'USA', 'US'], cities: ['Austin', 'Boston', 'Denver', 'Chicago'], tld: 'com' },
  { name: 'Germany', spellings: ['Germany', 'Deutschland'], cities: ['Berlin', 'München', 'Hamburg', 'Köln'], tld: 'de' },
  { name: 'United Kingdom', spellings: ['United Kingdom', 'UK'], cities: ['London', 'Leeds', 'Manchester', 'Bristol'], tld: 'co.uk' },
  { name: 'France', spellings: ['France'], cities: ['Paris', 'Lyon', 'Nantes', 'Lille'], tld: 'fr' },
  { name: 'Netherlands', spellings: ['Netherlands', 'The Netherlands'], cities: ['Amsterdam', 'Rotterdam', 'Utrecht', 'Eindhoven'], tld: 'nl' },
  { name: 'Spain', spellings: ['Spain', 'España'], cities: ['Madrid', 'Barcelona', 'Valencia', 'Sevilla'], tld: 'es' },
  { name: 'Sweden', spellings: ['Sweden'], cities: ['Stockholm', 'Göteborg', 'Malmö', 'Uppsala'], tld: 'se' },
  { name: 'Canada', spellings: ['Canada'], cities: ['Toronto', 'Montreal', 'Vancouver', 'Calgary'], tld: 'ca' },
  { name: 'Australia', spellings: ['Australia'], cities: ['Sydney', 'Melbourne', 'Brisbane', 'Perth'], tld: 'com.au' },
  { name: 'India', spellings: ['India'], cities: ['Bangalore', 'Mumbai', 'Pune', 'Hyderabad'], tld: 'in' },
];
